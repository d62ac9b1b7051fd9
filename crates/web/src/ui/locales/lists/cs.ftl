# The lists area's words (cs).
lists-late-nav = Zpožděné
