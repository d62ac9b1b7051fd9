# The shell area's words (en): the frame of every page, error pages.
shell-skip = Skip to content
shell-tabs = Shortcuts
shell-tab-tasks = Tasks
shell-tab-new = New
shell-more = More
shell-cross-site = This change was sent from another website, so it was refused and nothing was changed. If it was you, open the page in Pronto and try again.
shell-bad-request = This address or form could not be read, so nothing was changed. Go back, reload the page and try again.
shell-admin-menu = On this page
# A file picker in the reader's language (not the browser's).
shell-file-choose = Choose a file
shell-file-none = No file chosen yet
