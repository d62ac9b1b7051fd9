# The notify area's words (en).
notify-nav = Notifications
