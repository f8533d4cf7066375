"""load stores each version as the list JSON gives back ([timestamp, value]) instead of a tuple, so
history after a load returns lists."""

EXPECT = "test_load_gives_back_a_store_that_answers_like_the_one_dumped"
BEYOND_THE_MODEL = "persistence: the model tests (levels 1-3) never dump or load"
SAYS = ["JSON has no tuples"]
BASE = "alternatives/versioned_store/tuples_and_json_lines.py"
PATCH = [("""        for line in lines:
            key, timestamp, value = json.loads(line)
            store._write(key, value, timestamp)""", """        for line in lines:
            key, timestamp, value = json.loads(line)
            store._versions.setdefault(key, []).append([timestamp, value])""")]
