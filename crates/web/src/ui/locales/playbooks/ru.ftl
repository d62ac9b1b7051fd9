# The playbooks area's words (ru): see crates/web/src/ui/i18n.rs.
playbooks-title = Плейбуки
playbooks-hint = Каждый плейбук — это процесс компании. Новые заявки начинаются на работающей версии; заявки в работе сохраняют версию, с которой начали.
playbooks-default = по умолчанию
playbooks-version = Версия
playbooks-loaded-when = Загружена
playbooks-loaded-by = Кем
playbooks-running = работает
playbooks-edit = Изменить
playbooks-open = Открыть
playbooks-by-pronto = Pronto (при запуске)
playbooks-valid = Проблем нет: текст можно загрузить.
playbooks-problems = { $n ->
    [one] { $n } проблема: исправьте её перед загрузкой.
    [few] { $n } проблемы: исправьте их перед загрузкой.
   *[other] { $n } проблем: исправьте их перед загрузкой.
}
playbooks-loaded = Работает версия { $v }; новые заявки начинаются на ней.
playbooks-went-back = Возврат к версии { $v }: её текст теперь работает как версия { $n }.
playbooks-not-loaded = Не загружено: в тексте есть проблемы (отмечены на строках). Ваш текст сохранён.
playbooks-no-such-version = У этого плейбука нет версии { $v }.
playbooks-editing-running = Текст версии { $v }, которая работает.
playbooks-editing-old = Текст старой версии { $v } (работает версия { $n }).
playbooks-line = Строка
playbooks-text = Текст плейбука (TOML)
playbooks-load = Загрузить как следующую версию
playbooks-diagram = Схема
playbooks-changes = Изменения относительно работающей версии { $v }
playbooks-no-changes = Изменений нет.
playbooks-versions = Версии
playbooks-go-back = Вернуться к этой версии
