"""charge_status never says "pending": it answers from the replay even before the charge's timestamp."""

EXPECT = "test_the_past_can_be_asked_about"
PATCH = [("        if timestamp < charged_at:\n            return \"pending\"\n", "")]
