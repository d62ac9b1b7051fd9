# The lists area's words (ru).
lists-late-nav = Просрочено
