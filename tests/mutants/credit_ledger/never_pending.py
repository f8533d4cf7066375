"""charge_status never says "pending": it answers from the replay even before the charge's timestamp."""

EXPECT = "test_the_past_can_be_asked_about"
BEYOND_THE_MODEL = "level 3: the level-1 model test never asks about a time before a charge"
PATCH = [("        if timestamp < charged_at:\n            return \"pending\"\n", "")]
