# The lists area's words (en).
lists-late-nav = Late now
