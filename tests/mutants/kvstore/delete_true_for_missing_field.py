"""delete pops the field with a default and returns True whether or not the field was there."""

EXPECT = "test_delete_reports_whether_the_field_existed"
PATCH = [
    (
        """        fields = self._data.get(key, {})
        record = fields.get(field)
        if record is None or not _alive(record[1], timestamp):
            return False
        del fields[field]
        if not fields:
            del self._data[key]
        return True""",
        """        self._data.get(key, {}).pop(field, None)
        return True""",
    )
]
SAYS = ["nothing to delete"]
