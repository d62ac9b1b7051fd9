# The notify area's words (pl).
notify-nav = Powiadomienia
