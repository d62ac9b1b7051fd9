# The notify area's words (he).
notify-nav = התראות
