"""Write-back: findings into copies of the user's files (Word comments, tracked changes, text fixes).

Nothing here ever writes to an input file except ``textfix`` under ``fix --write``, which is the
user's explicit request; every write goes through :mod:`klarsprak.writeback.atomic`."""
