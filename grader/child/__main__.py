from grader.child.runner import main

main()
