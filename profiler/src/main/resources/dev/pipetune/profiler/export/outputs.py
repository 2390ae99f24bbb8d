def write_replacing(path, write, **options):
    """Writes into a new folder beside `path` and puts it in place of `path` only when the write succeeded, as
    pipetune does: a failed run leaves the previous output alone and never leaves a partial one."""
    staging = f"{path.rstrip(os.sep)}.pipetune-{uuid.uuid4().hex[:12]}.tmp"
    try:
        write(staging, **options)
        os.makedirs(staging, exist_ok=True)  # a write of no rows may create nothing
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.remove(path)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
