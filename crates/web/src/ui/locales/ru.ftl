# Pronto's web UI: Russian.
app-name = Pronto
nav-inbox = Входящие
nav-tasks = Мои задачи
nav-logout = Выйти
language = Язык
sign-in = Войти
sign-in-title = Вход в Pronto
login = Логин
password = Пароль
wrong-login = Неверный логин или пароль.
too-many-attempts = Слишком много попыток. Подождите минуту и попробуйте снова.
inbox = Входящие
inbox-hint = Сначала новые и неназначенные заявки; список обновляется сам, когда приходит заявка.
search = Поиск
search-placeholder = Имя, телефон, e-mail, компания, текст
filter = Фильтр
all-channels = Все каналы
all-stages = Все этапы
any-owner = Любой
unassigned = Без ответственного
mine = Мои
age = Давность
received = Получено
channel = Канал
stage = Этап
owner = Ответственный
contact = Контакт
subject = Тема
no-leads = Нет подходящих заявок.
new-lead-arrived = Новая заявка
tasks = Мои задачи
overdue = Просрочено
due-now = Сейчас
today = Сегодня
later = Позже
no-tasks = Задач нет. Отличная работа.
due = Срок
script = Скрипт
outcome-reached = Дозвонились
outcome-no_answer = Не отвечает
outcome-busy = Занято
outcome-failed = Не удалось
outcome-done = Готово
complete = Завершить
lead = Заявка
lead-card = Заявка { $v }
timeline = История
earlier-inquiries = Предыдущие заявки
company = Компания
phone = Телефон
email = E-mail
message = Сообщение
log-call = Записать звонок
direction-in = Входящий
direction-out = Исходящий
add-note = Добавить заметку
note = Заметка
send-email = Отправить письмо
email-text = Текст
send = Отправить
assign = Назначить
change-stage = Сменить этап
save = Сохранить
open-tasks = Открытые задачи
emails = Письма
status = Статус
call = Позвонить
overdue-count = { $n ->
    [one] { $n } просроченная задача
    [few] { $n } просроченные задачи
    [many] { $n } просроченных задач
   *[other] { $n } просроченной задачи
}
minutes-left = { $n ->
    [one] Осталась { $n } минута
    [few] Осталось { $n } минуты
    [many] Осталось { $n } минут
   *[other] Осталось { $n } минуты
}
saved = Сохранено.
not-found = Не найдено.
forbidden = У вас нет прав на это действие.
error = Что-то пошло не так.
nav-board = Доска
nav-contacts = Контакты
more-leads = { $n ->
    [one] и ещё { $n }
    [few] и ещё { $n }
    [many] и ещё { $n }
   *[other] и ещё { $n }
}
contacts = Контакты
companies = Компании
merge = Объединить
merge-into = Объединить в
merge-hint = Две записи одного человека: выберите, какую оставить; заявки, номера и адреса второй перейдут к ней.
leads-count = { $n ->
    [one] { $n } заявка
    [few] { $n } заявки
    [many] { $n } заявок
   *[other] { $n } заявки
}
merged = Объединено.
nav-admin = Администрирование
users = Пользователи
name = Имя
role = Роль
presence = Присутствие
hours = Свои рабочие часы
add-user = Добавить пользователя
web-forms = Веб-формы
delivery = Доставка
telephony = АТС
send-test-sms = Отправить тестовое SMS на
send-test-email = Отправить тестовое письмо на
mailboxes = Почтовые ящики
test-connection = Проверить соединение
playbooks = Регламенты
diagram = Схема
playbook-toml = Регламент (TOML) для проверки или загрузки
check = Проверить
upload = Загрузить как новую версию
webhooks = Вебхуки
delete = Удалить
events = События
any-age = За всё время
age-1h = Последний час
age-24h = Последние 24 часа
age-7d = Последние 7 дней
callback-at = Перезвонить в
create-task = Создать задачу
account = Ваша учётная запись
change-password = Сменить пароль
current-password = Текущий пароль
new-password = Новый пароль
wrong-password = Текущий пароль неверен.
password-changed = Пароль изменён; другие сеансы завершены.
send-test-event = Отправить подписанное тестовое событие
