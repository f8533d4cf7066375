"""What runs in the child process, beside the learner's code: the runner, its pytest reporter, the API preflight."""
