"""One module per `grade` command (or family of commands); grader.cli registers them."""
