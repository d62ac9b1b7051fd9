# The notify area's words (cs).
notify-nav = Upozornění
