"""RetryPolicy is a plain dataclass, not a frozen one: code holding a shared policy can change it under every
other caller."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("@dataclass(frozen=True)\nclass RetryPolicy:", "@dataclass\nclass RetryPolicy:")]
SAYS = ["frozen"]
