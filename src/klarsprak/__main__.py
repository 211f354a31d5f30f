from klarsprak.cli import main

main()
