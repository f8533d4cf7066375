"""load reads the fields of its JSON envelope with envelope["..."], so another program's JSON file makes
it raise KeyError instead of ValueError."""

EXPECT = "test_an_empty_or_foreign_file_is_rejected_with_value_error"
BEYOND_THE_MODEL = "damaged files: the model tests never dump or load"
SAYS = ["raised KeyError", "must make load raise ValueError"]
BASE = "alternatives/versioned_store/dict_by_timestamp.py"
PATCH = [("""        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
            raise ValueError(f"{path}: not a versioned-store file")
        if envelope.get("version") != 1:""", """        if envelope["format"] != FORMAT:
            raise ValueError(f"{path}: not a versioned-store file")
        if envelope["version"] != 1:""")]
