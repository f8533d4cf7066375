"""dump creates its temporary file with tempfile.mkstemp() and no dir=, in the system's temporary folder:
often another file system, where os.replace cannot be atomic (or fails outright)."""

EXPECT = "test_dump_fsyncs_a_temporary_file_in_the_same_folder_then_replaces_the_target"
BEYOND_THE_MODEL = "placement: the model tests never dump, and the answers would not differ"
SAYS = ["a temporary file that was not in", "folder of path"]
NOT_SAYS = ["fsync"]
PATCH = [("""        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".versioned-store-", suffix=".tmp")""",
          """        fd, temporary = tempfile.mkstemp(prefix=".versioned-store-", suffix=".tmp")""")]
