"""sample draws from np.random's global generator instead of the rng it is given."""

EXPECT = "test_draws_come_only_from_the_given_rng"
PATCH = [("        uniform = rng.random(cumulative.shape[:-1] + (1,))", "        uniform = np.random.random(cumulative.shape[:-1] + (1,))")]
SAYS = ['besides rng']
