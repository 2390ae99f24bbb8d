"""Draws pipetune's application icon and writes it in each operating system's format.

Run from the repository root with Pillow installed (python3 -m pip install pillow):
    python3 installers/src/icons/make_icons.py
It writes pipetune.png (Linux, 256 px), pipetune.ico (Windows, 16-256 px) and pipetune.icns (macOS) next to itself.
The outputs are committed, so the build does not need Python.
"""
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
HERE = Path(__file__).resolve().parent


def draw() -> Image.Image:
    """A blue rounded square with three pipeline stages joined left to right and a throughput bar under them."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=200, fill=(31, 78, 168, 255))
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE // 2), radius=200, fill=(47, 111, 222, 255))
    pen.rectangle((40, SIZE // 2 - 200, SIZE - 40, SIZE // 2), fill=(47, 111, 222, 255))
    centres = [(250, 420), (512, 420), (774, 420)]
    for (x1, y1), (x2, y2) in zip(centres, centres[1:]):
        pen.line((x1, y1, x2, y2), fill=(255, 255, 255, 255), width=44)
    for x, y in centres:
        pen.ellipse((x - 95, y - 95, x + 95, y + 95), fill=(255, 255, 255, 255))
        pen.ellipse((x - 50, y - 50, x + 50, y + 50), fill=(224, 112, 43, 255))
    bars = [(200, 0.45), (380, 0.65), (560, 0.8), (740, 1.0)]
    for x, height in bars:
        top = 880 - int(230 * height)
        pen.rounded_rectangle((x, top, x + 110, 880), radius=24, fill=(255, 255, 255, 235))
    return image


def main() -> None:
    icon = draw()
    icon.resize((256, 256), Image.LANCZOS).save(HERE / "pipetune.png")
    icon.save(HERE / "pipetune.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128),
                                            (256, 256)])
    icon.resize((512, 512), Image.LANCZOS).save(HERE / "pipetune.icns")


if __name__ == "__main__":
    main()
