"""katas grader: runs hidden property-based suites against a user's solution in a child process."""
