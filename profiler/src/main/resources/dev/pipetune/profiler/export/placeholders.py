_PLACEHOLDERS = []


def java_placeholder(java_class):
    """Marks a function or class that stands in for a Java user function and still has to be written in Python.
    Remove this decorator once the body is ported; run() refuses to start while any placeholder is left."""
    def mark(target):
        _PLACEHOLDERS.append((target, java_class))
        target.pipetune_placeholder_for = java_class
        return target
    return mark


def refuse_placeholders():
    left = [f"{target.__name__} (Java class {java_class})" for target, java_class in _PLACEHOLDERS
            if getattr(target, "pipetune_placeholder_for", None)]
    if left:
        raise NotImplementedError("port these Java user functions to Python first (see the TODOs in this script): "
                                  + ", ".join(left))
