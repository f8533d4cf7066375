"""dump cleans up after a failed write but swallows the OSError, so the caller believes the save
succeeded."""

EXPECT = "test_a_dump_that_fails_half_way_leaves_the_previous_file_intact"
BEYOND_THE_MODEL = "failure injection: the model tests never dump, let alone to a full disk"
SAYS = ["must propagate"]
PATCH = [("""        except BaseException:
            os.unlink(temporary)  # a failed dump leaves nothing behind, and path untouched
            raise""", """        except OSError:
            os.unlink(temporary)""")]
