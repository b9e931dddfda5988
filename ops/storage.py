"""Media (images, renditions, documents) in S3-compatible object storage, configured from the AWS_*
variables django-storages documents; local disk stays the default."""

from collections.abc import Mapping
from urllib.parse import urlsplit

# Environment variable -> S3Storage option.
S3_OPTIONS_FROM_ENVIRONMENT = {
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_S3_URL_PROTOCOL": "url_protocol",
    "AWS_ACCESS_KEY_ID": "access_key",
    "AWS_SECRET_ACCESS_KEY": "secret_key",
    "AWS_LOCATION": "location",
}


def s3_media_storage(variables: Mapping[str, str]) -> dict | None:
    """The STORAGES["default"] entry for a bucket named by AWS_STORAGE_BUCKET_NAME, else None.

    Files get plain, stable URLs (no signed query string) on the bucket's public or CDN address, so
    a cached page keeps working; uploads never overwrite an existing name."""
    bucket = variables.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        "location": "media",
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }
    for name, option in S3_OPTIONS_FROM_ENVIRONMENT.items():
        if variables.get(name, "").strip():
            options[option] = variables[name].strip()
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def s3_media_origins(variables: Mapping[str, str]) -> list[str]:
    """The origins media files are served from when they live in a bucket, for the pages'
    Content-Security-Policy (img-src): the CDN or custom domain when one is set, else the
    endpoint (path-style and bucket-subdomain addresses), else AWS's own bucket addresses."""
    bucket = variables.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return []
    protocol = variables.get("AWS_S3_URL_PROTOCOL", "").strip() or "https:"
    domain = variables.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    if domain:
        return [f"{protocol}//{domain}"]
    endpoint = variables.get("AWS_S3_ENDPOINT_URL", "").strip()
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = variables.get("AWS_S3_REGION_NAME", "").strip()
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
