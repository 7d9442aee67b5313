/// The portal's one stylesheet (served at `/style.css`; the CSP allows styles from the portal only).
enum Stylesheet {
    static let css = """
    :root { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; }
    body { margin: 0 auto; max-width: 48rem; padding: 0 1rem 3rem; }
    header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between;
             border-bottom: 3px solid #cc0000; padding: .5rem 0; }
    header ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; align-items: center; }
    .brand { font-weight: bold; margin: 0; }
    a { color: #a30000; }
    label { display: block; font-weight: 600; }
    input[type=checkbox] + label { display: inline; font-weight: normal; }
    input, select, button { font: inherit; padding: .3rem .5rem; }
    input[type=text], input[type=email], input[type=password], select { width: 100%; max-width: 28rem; box-sizing: border-box; }
    button { background: #cc0000; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
    button:disabled { background: #c8c8c8; color: #333; cursor: not-allowed; }
    header button { background: none; color: #a30000; text-decoration: underline; padding: 0; }
    .error { border-left: 4px solid #cc0000; background: #fdecec; padding: .5rem 1rem; }
    .notice { border-left: 4px solid #2e7d32; background: #edf7ee; padding: .5rem 1rem; }
    .levels { list-style: none; padding: 0; display: grid; gap: 1rem; }
    .levels > li { border: 1px solid #ddd; border-radius: 4px; padding: 0 1rem; }
    .open { color: #2e7d32; font-weight: bold; }
    .open::before { content: "✔ "; }
    .closed { color: #555; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; border-bottom: 1px solid #ddd; padding: .3rem; }
    """
}
