# The shell area's words (ru): the frame of every page, error pages.
shell-skip = Перейти к содержимому
shell-tabs = Быстрые ссылки
shell-tab-tasks = Задачи
shell-tab-new = Новый
shell-more = Ещё
shell-cross-site = Это изменение отправил другой сайт, поэтому оно отклонено и ничего не изменилось. Если это были вы, откройте страницу в Pronto и попробуйте снова.
shell-bad-request = Не удалось прочитать этот адрес или форму, поэтому ничего не изменилось. Вернитесь, обновите страницу и попробуйте снова.
shell-admin-menu = На этой странице
# A file picker in the reader's language (not the browser's).
shell-file-choose = Выбрать файл
shell-file-none = Файл пока не выбран
