"""delete_at checks that the field is stored, not that it is live: deleting an expired field returns True."""

EXPECT = "test_an_expired_field_is_absent_everywhere"
PATCH = [
    (
        """        record = fields.get(field)
        if record is None or not _alive(record[1], timestamp):
            return False
        del fields[field]""",
        """        record = fields.get(field)
        if record is None:
            return False
        del fields[field]""",
    )
]
SAYS = ["expired at"]
