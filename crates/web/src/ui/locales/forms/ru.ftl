# The forms area's words (ru): see crates/web/src/ui/i18n.rs.
