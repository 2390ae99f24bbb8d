def resolve(path):
    """Resolves a path as pipetune does: ${NAME} is the environment variable NAME, a leading ~ the home folder,
    and a relative path is relative to BASE_DIR."""
    def variable(match):
        value = os.environ.get(match.group(1))
        if value is None:
            raise SystemExit(f"{path}: environment variable {match.group(1)} is not set")
        return value

    expanded = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", variable, path)
    if expanded == "~" or expanded.startswith("~/"):
        expanded = os.path.expanduser("~") + expanded[1:]
    return os.path.normpath(os.path.join(BASE_DIR, expanded))
