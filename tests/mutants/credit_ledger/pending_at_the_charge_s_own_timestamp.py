"""charge_status says "pending" at the charge's own timestamp: the boundary is off by one."""

EXPECT = "test_a_charge_is_decided_from_its_own_timestamp_on"
SAYS = ["only a time before it gives 'pending'"]
PATCH = [("        if timestamp < charged_at:", "        if timestamp <= charged_at:")]
