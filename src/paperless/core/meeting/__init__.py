"""The meeting room (docs/meeting.md): follow the presenter, attendance (điểm danh), speaking requests
(đăng ký phát biểu) and named votes (biểu quyết) over the office server. Qt-free."""
