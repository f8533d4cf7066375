"""dump saves only the versions that hold a value (and only the keys left with one), so tombstones are
lost: after a load, a deleted key reads its old value again, and a key that was only deleted is gone."""

EXPECT = "test_load_gives_back_a_store_that_answers_like_the_one_dumped"
BEYOND_THE_MODEL = "persistence: the model tests (levels 1-3) never dump or load"
SAYS = ["tombstone"]
PATCH = [("            {key: [[t, v] for t, v in zip(times, self._values[key])] for key, times in self._times.items()},",
          "            {key: versions for key, versions in (\n"
          "                (key, [[t, v] for t, v in zip(times, self._values[key]) if v is not None])\n"
          "                for key, times in self._times.items()) if versions},")]
