"""backup() tests each value for truth to decide whether a field is live, so fields holding the empty
string are neither saved nor counted."""

EXPECT = "test_backup_counts_keys_with_a_live_field"
PATCH = [("for field, (value, expires_at) in fields.items() if _alive(expires_at, timestamp)}",
          "for field, (value, expires_at) in fields.items() if value and _alive(expires_at, timestamp)}")]
SAYS = ["hold only the empty string"]
NOT_SAYS = ["number of live fields"]
