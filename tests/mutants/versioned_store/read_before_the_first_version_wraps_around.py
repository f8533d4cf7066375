"""get forgets that bisect can return 0: index -1 then reads the key's last version, so a read before
the first version returns the latest value instead of None."""

EXPECT = "test_a_key_reads_as_none_before_its_first_version_and_when_never_set"
PATCH = [("        return self._values[key][index] if index >= 0 else None",
          "        return self._values[key][index]")]
