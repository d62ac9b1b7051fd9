# Pronto: שמות ערוצים בהתראות (עברית).

channel-web = אתר
channel-email = אימייל
channel-phone = טלפון
channel-in_person = פנים אל פנים
channel-api = API
channel-chat = צ'אט
channel-import = ייבוא
