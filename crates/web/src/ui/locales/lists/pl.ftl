# The lists area's words (pl).
lists-late-nav = Spóźnione
