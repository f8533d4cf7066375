"""dump flushes its temporary file but never fsyncs it before the replace: after a crash, the rename
can reach the disk before the data does."""

EXPECT = "test_dump_fsyncs_a_temporary_file_in_the_same_folder_then_replaces_the_target"
BEYOND_THE_MODEL = "durability: the model tests never dump; without a crash, no answer changes"
SAYS = ["never called os.fsync"]
PATCH = [("                os.fsync(file.fileno())  # on disk before it takes the old file's place, not just in a cache\n",
          "")]
