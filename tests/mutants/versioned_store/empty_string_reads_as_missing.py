"""get turns a falsy value into None (`value or None`), so a stored "" reads as a missing key."""

EXPECT = "test_an_empty_string_is_a_value"
SAYS = ["`is None`"]
PATCH = [("        return self._values[key][index] if index >= 0 else None",
          "        return (self._values[key][index] or None) if index >= 0 else None"),
         ("            return self._values[key][-1]", "            return self._values[key][-1] or None")]
