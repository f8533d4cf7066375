"""dump opens path itself for writing, with no temporary file: opening it empties the previous save at
once, so a dump that fails half-way destroys it."""

EXPECT = "test_a_dump_that_fails_half_way_leaves_the_previous_file_intact"
BEYOND_THE_MODEL = "failure injection: the model tests never dump, let alone to a full disk"
SAYS = ["previous save was destroyed", "temporary file"]
PATCH = [("""        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".versioned-store-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(header + b"\\n" + payload)
                file.flush()
                os.fsync(file.fileno())  # on disk before it takes the old file's place, not just in a cache
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)  # a failed dump leaves nothing behind, and path untouched
            raise""", """        with open(path, "wb") as file:
            file.write(header + b"\\n" + payload)
            file.flush()
            os.fsync(file.fileno())""")]
