/// A path on this portal, for redirects (R-HOST-2: no open redirect): only an absolute path that
/// cannot name another host (`/…`, never `//…`, `/\…` or a scheme) is kept; anything else is `/`.
enum LocalPath {
    static func sanitized(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
              !path.contains("\r"), !path.contains("\n"), path.utf8.count <= 512 else { return "/" }
        return path
    }
}
