"""dump lets a failed write propagate but never removes its temporary file, so every failed save leaves
a file behind."""

EXPECT = "test_a_dump_that_fails_half_way_leaves_the_previous_file_intact"
BEYOND_THE_MODEL = "failure injection: the model tests never dump, let alone to a full disk"
SAYS = ["remove the temporary file"]
PATCH = [("""        except BaseException:
            os.unlink(temporary)  # a failed dump leaves nothing behind, and path untouched
            raise""", """        finally:
            pass""")]
