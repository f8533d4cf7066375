"""sample divides the caller's logits by the temperature in place, so every call flattens them further."""

EXPECT = "test_samples_follow_the_softmax_distribution"
PATCH = [("        scaled = logits / temperature\n", "        logits /= temperature\n        scaled = logits\n")]
SAYS = ['wrote into its input']
