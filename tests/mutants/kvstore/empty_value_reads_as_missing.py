"""get tests the value for truth, so a field whose value is the empty string reads as missing."""

EXPECT = "test_get_returns_the_last_value_set"
PATCH = [("        if record is None or not _alive(record[1], timestamp):\n            return None",
          "        if not record or not record[0] or not _alive(record[1], timestamp):\n            return None")]
SAYS = ["empty string"]
