"""Uploaded images are checked by their content, never their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file) -> None:
    """Refuse anything but a JPEG, PNG, WebP or GIF within the size and pixel limits."""
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"The file is {filesizeformat(file.size)}; images may be at most "
            f"{filesizeformat(settings.UPLOAD_MAX_BYTES)}."
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
            if width * height > settings.UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    f"The image is {width}×{height} pixels; at most "
                    f"{settings.UPLOAD_MAX_PIXELS:,} pixels are accepted."
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not an image we can use (JPEG, PNG, WebP or GIF)."
        ) from None
    finally:
        file.seek(position)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(f"{kind} images are not accepted: use JPEG, PNG, WebP or GIF.")
