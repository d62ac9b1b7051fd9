# The lists area's words (ru).
lists-late-nav = Просрочено
lists-leads = Все заявки
lists-all-leads = Все заявки, включая закрытые
lists-leads-hint = Все заявки, открытые и закрытые; фильтруйте, сортируйте по любому столбцу, действуйте сразу над несколькими.
lists-any-status = Любой статус
lists-status-open = Открыта
lists-status-won = Выиграна
lists-status-lost = Потеряна
lists-status-junk = Мусор
lists-select-page = Выбрать все на этой странице
lists-pages = Страницы
lists-prev = ← Назад
lists-next = Далее →
lists-range = { $first }–{ $last } из { $total }
lists-range-none = Ни одной из { $total }
lists-bulk = С выбранными
lists-bulk-selected = С выбранными:
lists-bulk-assign = Назначить
lists-bulk-move = Перенести
lists-bulk-close = Закрыть
lists-inquiries = { $n ->
    [one] { $n } заявку
    [few] { $n } заявки
    [many] { $n } заявок
   *[other] { $n } заявки
}
lists-bulk-assign-q = Назначить { $leads } пользователю { $to }?
lists-bulk-stage-q = Перенести { $leads } на этап «{ $to }»?
lists-bulk-close-q = Закрыть { $leads } как «{ $to }»?
lists-bulk-assign-yes = Да, назначить
lists-bulk-stage-yes = Да, перенести
lists-bulk-close-yes = Да, закрыть
lists-bulk-assign-done = Назначено: { $n }
lists-bulk-stage-done = Перенесено: { $n }
lists-bulk-close-done = Закрыто: { $n }
lists-bulk-refused = отказано: { $n }
lists-bulk-refused-list = Не изменены
lists-back-to-list = Назад к списку
lists-cancel = Отмена
lists-bulk-none = Сначала отметьте хотя бы одну заявку.
lists-bulk-too-many = Не больше 500 заявок за раз.
lists-bulk-no-action = Выберите, что с ними сделать.
lists-merge-col = Тот же человек?
lists-merge-hint = Один человек введён дважды? Нажмите «Объединить…» у одной записи, найдите другую, сравните и выберите, какая останется. Объединение можно отменить в течение суток.
lists-merge-start = Объединить…
lists-company-id = ИНН компании
lists-merge-title = Объединить контакты
lists-merge-compare-hint = Обе записи рядом. Та, что вы оставите, сохранится; заявки, телефоны и e-mail другой перейдут к ней.
lists-merge-keep = Оставить эту
lists-merge-what = Ничего не теряется: другая запись сохраняется, а объединение можно отменить в течение 24 часов.
lists-merge-confirm = Объединить
lists-merge-other = Выбрать другую
lists-merge-find = Какая запись — тоже { $name }? Ищите по имени, телефону или e-mail.
lists-merge-none = Других подходящих контактов нет.
lists-merge-compare = Сравнить
lists-merged-title = Объединено
lists-merged = { $merged } объединён с { $kept }:
lists-unmerged-title = Объединение отменено
lists-unmerged = { $kept } и { $merged } снова два контакта, каждый со своими заявками, телефонами и e-mail.
lists-undo = Отменить
lists-undo-until = Отменить можно до { $until }, пока ни один из контактов не изменился.
lists-back-to-contacts = Назад к контактам
lists-moved-leads = { $n ->
    [one] перенесена { $n } заявка
    [few] перенесены { $n } заявки
    [many] перенесено { $n } заявок
   *[other] перенесено { $n } заявки
}
lists-moved-activities = { $n ->
    [one] { $n } действие
    [few] { $n } действия
    [many] { $n } действий
   *[other] { $n } действия
}
lists-moved-identities = { $n ->
    [one] { $n } телефон или e-mail
    [few] { $n } телефона и e-mail
    [many] { $n } телефонов и e-mail
   *[other] { $n } телефона и e-mail
}
lists-late-title = Что просрочено сейчас
lists-late-hint-all = Просроченные задачи и нарушенные или под угрозой сроки всех сотрудников, самые поздние сначала.
lists-late-hint-mine = Ваши просроченные задачи и сроки, а также ничьи, самые поздние сначала.
lists-late-none = Ничего не просрочено. Отлично.
lists-late-what = Что
lists-late-holder = У кого
lists-late-how = Насколько поздно
lists-late-kind-task = Задача
lists-late-kind-breached = Нарушено
lists-late-kind-at-risk = Под угрозой
lists-late-task = { $title }
lists-late-breached = { $title }
lists-late-at-risk = { $title }
lists-late-by = опоздание { $time }
lists-late-due-in = через { $time }
