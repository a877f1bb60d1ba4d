"""English: the app's words as they were first written (the tests assert some of them)."""

MESSAGES: dict[str, str] = {
    # Errors of region edits, the edit service, the DashScope backend and the history
    # Region edits (services/region_edit)
    "error.region.mask_not_image": "The mask is not an image.",
    "hint.region.paint_again": "Paint the region again.",
    "error.region.mask_size": "The mask is {mask} pixels but image 1 is {image}.",
    "hint.region.mask_size": (
        "Paint the region on image 1 itself, or upload a mask of exactly its size."
    ),
    "error.region.too_thin": (
        "The painted region is too long and thin ({box} with its margin): the service "
        "takes at most {aspect:g}:1."
    ),
    "hint.region.too_thin": "Paint a shorter region, or edit it in two parts.",
    "error.region.margin": "The context margin cannot be {margin:g}.",
    "hint.region.margin": "Use a margin between 0 and 2.",
    "error.region.feather": "The feather cannot be {feather} px.",
    "hint.region.feather": "Use 0 to 512 pixels.",
    "error.region.empty": "The mask is empty: nothing is painted.",
    "hint.region.empty": (
        "Paint over the part of image 1 to change, or clear the mask for a normal edit."
    ),
    "error.region.too_small": "The painted region is only {pixels} pixels.",
    "hint.region.too_small": "Paint a larger region (a brush stroke at least a few pixels wide).",
    "error.region.too_large": "The mask covers {coverage:.0%} of the image.",
    "hint.region.too_large": "Clear the mask and make a normal edit of the whole image.",
    "error.region.image_size": (
        "Image 1 is {image} but the region was painted on a {painted} image."
    ),
    "error.region.original_changed": "The original changed size since the region was planned.",
    "hint.region.paint_again_here": "Paint the region again on this image.",
    "error.region.needs_file": "A region edit needs image 1 as an uploaded file.",
    "hint.region.needs_file": (
        "Upload image 1 (a link cannot be cropped here), then paint the region again."
    ),
    "error.region.unreadable": "Image 1 or the painted region could not be read.",
    "hint.region.unreadable": "Upload image 1 again and paint the region again.",
    "warning.region.last_image_shape": (
        "The outputs take the shape of the last image, not of the painted region; they "
        "are fitted to the region before stitching. For the best fit ask for 1 output, or "
        "put the reference images in the region's shape."
    ),
    "warning.region.stretched": (
        "The output's shape differs from the region's; it was stretched to fit "
        "(reference images after image 1 set the output's shape)."
    ),
    "warning.region.little_context": "Too little context around the region to align the output.",
    "warning.region.not_aligned": "The output could not be aligned; it was used as it came.",
    "warning.region.moved_too_much": (
        "The output moved too much to align; it was used as it came."
    ),
    "warning.region.misaligned": (
        "The output may be misaligned by about {px:.0f} px around the region; "
        "check the seam, or widen the margin."
    ),
    # The edit service (services/editing.py)
    "error.edit.cancelled": "The edit was stopped before it was sent.",
    "error.edit.tried": "{message} (tried {attempts} times)",
    "error.edit.no_history": "There is no history to fetch into.",
    "error.edit.links_expired": "The links to these outputs have expired (they live 24 hours).",
    "hint.edit.run_again": "Run the edit again to get new outputs.",
    "hint.edit.kept_in_history": (
        "The service made the images: this edit is kept in your History, where "
        "'Fetch outputs again' can download them while their links live (24 hours)."
    ),
    "warning.edit.not_saved": (
        "This edit could not be saved to your history; download its outputs now "
        "(they are kept for 24 hours)."
    ),
    "warning.edit.untrusted_links": (
        "{count} output link(s) pointed at a host this app does not trust and were not downloaded."
    ),
    # The DashScope backend (services/backends/dashscope.py)
    "part.sentences": "{first} {second}",
    "term.rate.edit": "about 2 per second per account",
    "term.rate.translation": "60 requests per minute",
    "term.html_page": "an HTML error page",
    "term.no_details": "no details",
    "term.requested_images_one": "{count} requested image",
    "term.requested_images_many": "{count} requested images",
    "term.extra_links_one": "{count} extra link",
    "term.extra_links_many": "{count} extra links",
    "error.service.timeout": "The service did not answer within {seconds:g} seconds.",
    "hint.service.lost_edit_timeout": (
        "It may still have made the images (and billed them); wait a minute before running the "
        "edit again, or raise the timeout."
    ),
    "hint.service.lost_edit_dropped": (
        "The service may have made the images anyway; check your usage in the console before "
        "running the same edit again."
    ),
    "hint.service.lost_translation_timeout": (
        "It may still have translated it (a translation costs a fraction of a cent); try again."
    ),
    "hint.service.lost_translation_dropped": (
        "It may have translated it anyway (a fraction of a cent); try again."
    ),
    "error.service.unreadable": "The service sent an answer this app cannot read.",
    "hint.service.unreadable": (
        "This is usually a passing fault of the service or a proxy between you and it; "
        "try again in a moment."
    ),
    "error.service.no_key": "No API key was given.",
    "hint.service.no_key": "Enter your DashScope API key.",
    "error.service.sdk_refused": "The DashScope SDK refused the call: {detail}",
    "error.service.unreachable": "Could not connect to the service at {url}.",
    "hint.service.unreachable": (
        "Check your network connection and the region or endpoint setting."
    ),
    "error.service.dropped": "The connection to the service broke before it answered.",
    "error.service.no_image": "The service answered without any usable image.",
    "hint.service.no_image": "Try again; if it keeps happening, rephrase the instruction.",
    "error.service.no_translation": (
        "The translation service answered without a usable translation."
    ),
    "hint.service.no_translation": "Try again, or keep your instruction as you wrote it.",
    "error.service.key_refused": "The service did not accept the API key.",
    "hint.service.key_refused": (
        "Check the key, and the region: Singapore and Beijing keys are different, and a key "
        "works only in the region it was created in."
    ),
    "error.service.quota": "The account's quota or billing stops this request ({said}).",
    "hint.service.quota": "Check the quota and billing in the Model Studio console.",
    "error.service.throttled": "The service is limiting requests for this key ({rate}).",
    "hint.service.throttled": "Wait a few seconds and try again.",
    "error.service.account": "The account cannot use this model right now ({said}).",
    "hint.service.account": (
        "Check the account's balance and that the model is activated in the Model Studio console."
    ),
    "error.service.no_model": "The service does not know this model.",
    "hint.service.no_model": "Choose another model; it may not be offered in this region.",
    "error.service.too_large": "The request was too large (each image must be at most 10 MB).",
    "error.service.input_download": "The service could not download an input image.",
    "error.service.input_format": "The service does not accept an image's format.",
    "error.service.input_rejected": "The service rejected the request: {said}",
    "hint.service.input_rejected": (
        "Use JPEG, PNG, BMP, TIFF, WEBP or GIF files up to 10 MB, or public http(s) links."
    ),
    "error.service.parameter": "The service rejected a parameter: {said}",
    "hint.service.parameter": "Adjust the settings it names and try again.",
    "error.service.internal": "The service had an internal problem.",
    "error.service.internal_said": "The service had an internal problem ({said}).",
    "hint.service.internal": "Try again in a minute.",
    "error.service.refused": "The service refused the request: {said}",
    "hint.service.refused": "Try again later.",
    "error.moderation.download": (
        "The service's content check could not download an input image in time."
    ),
    "hint.moderation.download": (
        "Upload the image instead of linking it, or use a faster host for the link."
    ),
    "error.moderation.input": (
        "The service's content check stopped this edit before it started: it flagged "
        "your instruction or one of your images."
    ),
    "hint.moderation.input": (
        "Change the wording (avoid words about violence, nudity, public figures or brands) "
        "or use a different image. Nothing was billed."
    ),
    "error.moderation.output": (
        "The service made the edit, but its content check blocked the result."
    ),
    "hint.moderation.output": (
        "Ask for something less close to sensitive content, or try another seed; blocked "
        "results are not billed."
    ),
    "error.moderation.unknown": (
        "The service's content check stopped this edit (it does not say whether your input "
        "or the result was flagged)."
    ),
    "hint.moderation.unknown": (
        "Rephrase the instruction or use a different image; nothing was billed."
    ),
    "warning.answer.request_id": (
        "The service's request id ({value}) was not a short printable text; it was left out."
    ),
    "warning.answer.not_links_one": (
        "{count} output in the service's answer was not a web link and was skipped."
    ),
    "warning.answer.not_links_many": (
        "{count} outputs in the service's answer were not web links and were skipped."
    ),
    "warning.answer.repeated_one": "{count} output link repeated an earlier one and was skipped.",
    "warning.answer.repeated_many": (
        "{count} output links repeated an earlier one and were skipped."
    ),
    "warning.answer.extra_one": (
        "The service sent {links} output links for {requested}: the first {n} was downloaded, "
        "{extra} ignored."
    ),
    "warning.answer.extra_many": (
        "The service sent {links} output links for {requested}: the first {n} were downloaded, "
        "{extra} ignored."
    ),
    "warning.answer.usage": (
        "The service reported an implausible usage ({shown}) for {requested}; it was ignored, "
        "and the cost is counted from the outputs received."
    ),
    "warning.answer.tokens": (
        "The service did not report a plausible token count, so the cost is unknown."
    ),
    # The history (services/history)
    "error.history.export_limit": (
        "One export can hold at most {limit} edits; this one asked for {wanted}."
    ),
    "hint.history.export_limit": "Choose fewer edits, or export them in parts.",
    "error.history.nothing_to_export": "There is nothing to export.",
    "hint.history.nothing_to_export": "Select at least one entry.",
    "error.history.export_busy": "Your previous export is still being made.",
    "hint.history.export_busy": "Wait for it, then try again.",
    "error.history.not_indexed": (
        "This edit's files are saved, but the history database could not list it just now."
    ),
    "hint.history.not_indexed": (
        "They are kept in {folder} and will be added to your history at the next start of "
        "the app; download the outputs now if you need them sooner."
    ),
    "error.history.bad_id": "This history id is not valid.",
    "hint.history.bad_id": (
        "Reload the page to get a new one (ids are 8-128 letters, digits or -_.:@)."
    ),
    "error.history.bad_extras": "This edit's extra files cannot be kept.",
    "hint.history.bad_extras": (
        "Their names must be original-1.png, mask.png or raw-1.png ... raw-6.png, each once."
    ),
    "error.history.no_entry": "No such history entry.",
    "hint.history.no_entry": "It may have been deleted.",
    "error.history.cannot_open": "The history database cannot be opened ({error}).",
    "hint.history.cannot_open": (
        "Check that the data folder is writable and no other copy of the app uses it."
    ),
    "error.history.stuck": (
        "The history database is damaged ({reason}) and could not be moved aside."
    ),
    "hint.history.stuck": "Move {path} away by hand and start the app again ({error}).",
    "error.history.unavailable": "The history is not available.",
    "hint.history.unavailable": "Restart the app.",
    "warning.history.rebuilt": (
        "Your history database was damaged; it was rebuilt from {count} saved "
        "edits. The damaged file was kept as {name}."
    ),
    "warning.history.unlisted": (
        "{count} older edit folder(s) had no manifest and could not be "
        "listed; their files were kept."
    ),
    "warning.history.trimmed": (
        "Your history is limited to {limit}: the {count} oldest "
        "edit(s) were removed to make room for this one."
    ),
    "warning.history.too_big": (
        "This edit alone takes more than your history's limit of {limit}; "
        "it is kept, but your next edit will replace it. Download it now."
    ),
    # Structure: how pieces join up, which differs by language.
    "verbatim": "{text}",
    "list.pair": "{first}, {second}",
    "list.and": "{first} and {second}",
    "list.or": "{first} or {second}",
    "error.with_hint": "{message} {hint}",
    "error.with_request_id": "{text} (request id {request_id})",
    # What a person calls each request field ("The number of outputs cannot be 7").
    "field.prompt": "The instruction",
    "field.negative_prompt": "The negative prompt",
    "field.n": "The number of outputs",
    "field.seed": "The seed",
    "field.size": "The output size",
    "field.model": "The model",
    "field.images": "The number of images",
    "field.region": "The region",
    "field.prompt_extend": "Prompt rewriting (prompt_extend)",
    "field.watermark": "Watermark",
    "field.margin": "The context margin",
    "field.feather": "The seam width (feather)",
    "field.other": "The value of {name}",
    "value.on": "on",
    "value.off": "off",
    "term.instruction": "instruction",
    "term.negative_prompt": "negative prompt",
    "term.image": "image",
    "term.format_file": "{format} file",
    "term.unreadable_link": "an unreadable link",
    "label.image": "Image {index}",
    "label.the_image": "The image",
    "label.output": "Output {index}",
    # Validation (services/validation.py)
    "error.validation.empty": "{field} is empty.",
    "error.validation.empty_allowed": "{field} is empty. Allowed: {allowed}.",
    "error.validation.value": "{field} cannot be {value}.",
    "error.validation.value_allowed": "{field} cannot be {value}. Allowed: {allowed}.",
    "allowed.one_of": "one of {names}",
    "allowed.images": "1 to {max} images",
    "allowed.text": "text",
    "allowed.bool": "true or false",
    "allowed.n_range": "a whole number from {low} to {high} for {model}",
    "allowed.n_exact": "exactly {n} for {model}",
    "allowed.seed": "a whole number from {low} to {high}, or empty for a random seed",
    "allowed.size_form": '"W*H" with W and H whole numbers of pixels, e.g. "1024*768"',
    "allowed.size_none": "no custom size on {model}",
    "allowed.size_single": "a custom size only with 1 output (n is {n})",
    "allowed.size_per_side": "each side from {low} to {high} pixels",
    "allowed.size_total": "from {low}×{low} to {high}×{high} pixels in all",
    "allowed.prompt_extend_off": "off for {model}",
    "hint.images.count": "Add or remove images.",
    "hint.prompt.empty": 'Describe the edit, e.g. "make the sky a sunset".',
    "hint.prompt_extend.off": "Turn prompt rewriting off.",
    "hint.size.auto": "Choose Auto size.",
    "hint.size.single": "Set outputs to 1 or size to Auto.",
    "warning.text.cut_one": (
        "The {what} had {length} characters; the service reads at most {limit}, so the last "
        "{count} was cut, starting at “{tail}”."
    ),
    "warning.text.cut_many": (
        "The {what} had {length} characters; the service reads at most {limit}, so the last "
        "{count} were cut, starting at “{tail}”."
    ),
    "warning.text.tokens": (
        "The {what} is about {tokens} tokens by the app's estimate; this model reads at most "
        "{limit} tokens and cuts the rest. Shorten it if its end matters."
    ),
    "warning.size.rounded": (
        "The service rounds sizes to multiples of {step}: {size} becomes {rounded}."
    ),
    # Input images (services/imaging.py)
    "error.image.empty_source": "{label} is empty: no file or URL was given.",
    "error.image.unprocessable": "{label} could not be processed ({error}).",
    "error.image.folder": "{label} ({name}) is a folder, not an image file.",
    "error.image.not_regular": "{label} ({name}) is not a regular file.",
    "error.image.not_found": "{label} ({name}) was not found.",
    "error.image.permission": "{label} ({name}) could not be read: permission denied.",
    "error.image.unreadable_file": "{label} ({name}) could not be read ({reason}).",
    "error.image.zero_bytes": "{label} is empty (0 bytes).",
    "error.image.too_small": (
        "{label} is only {width}×{height} pixels; the service needs at least {min_side} px "
        "per side."
    ),
    "error.image.extreme_shape": (
        "{label} is {width}×{height} pixels; scaled to fit {max_side} px per side, its short "
        "side would be under {min_side} px."
    ),
    "error.image.heic_missing": "{label} is a HEIC image, and HEIC support is not installed.",
    "error.image.unknown_format": (
        "{label} is not an image file we can read; accepted formats are {formats}."
    ),
    "error.image.cannot_fit": "{label} cannot be made small enough to send.",
    "error.image.damaged": "{label} is a damaged or incomplete {what}.",
    "error.image.declares_pixels": (
        "{label} declares {width}×{height} pixels; too large to open safely."
    ),
    "error.image.bomb": (
        "{label} declares more pixels than can be opened safely; too large to open safely."
    ),
    "error.image.memory": (
        "{label} needs more memory than is available ({width}×{height}); too large to open safely."
    ),
    "error.image.file_too_big": "{label} is {size}; files over {limit} are not accepted.",
    "hint.image.add": "Add an image.",
    "hint.image.add_again": "Add the image again.",
    "hint.image.resave": "Save it again as PNG or JPEG and use that file.",
    "hint.image.choose_file": "Choose an image file.",
    "hint.image.permission": "Check the file's permissions, or upload a copy.",
    "hint.image.incomplete": "Add the image again; the file was not saved or copied completely.",
    "hint.image.larger": "Use a larger image; {side}×{side} px or more works best.",
    "hint.image.crop": "Crop it to a less extreme shape.",
    "hint.image.convert": "Convert it to JPEG or PNG first.",
    "hint.image.looks_like": "It looks like {what}.",
    "hint.image.choose_format": "Choose an image file in one of those formats.",
    "hint.image.simpler": "Use a smaller or simpler image.",
    "hint.image.damaged": "Save or export it again, or add it again if the upload was interrupted.",
    "hint.image.megapixels": "Use a smaller image: at most {megapixels} megapixels.",
    "hint.image.under": "Use an image under {limit}.",
    "looks.avif": "an AVIF image, which is not accepted; convert it to JPEG or PNG",
    "looks.html": "a web page (HTML); save the image itself, not the page",
    "looks.svg": "an SVG drawing, which is not accepted; export it as PNG",
    "looks.pdf": "a PDF document; export the page as PNG or JPEG",
    "looks.text": "a text file",
    "warning.image.url_encoded": (
        "{label}'s URL had characters that must be percent-encoded; it is sent as {url}"
    ),
    "warning.image.pages": "{label} has several pages; only its first page is used.",
    "warning.image.images": "{label} holds several images; only its first image is used.",
    "warning.image.frames": "{label} is animated; only its first frame is used.",
    "warning.image.resized": (
        "{label} was {width}×{height} px; resized to {new_width}×{new_height} to fit the "
        "service's limit of {max_side} px per side."
    ),
    "warning.image.refit": "{label} {was}; {done} to fit the {limit} limit.",
    "warning.image.small": (
        "{label} is {width}×{height} px; the service works best from {min_side} px per side, "
        "so the result may be blurry."
    ),
    "part.was_size": "was {size}",
    "part.would_be": "would be {size} as {format}",
    "part.jpeg_quality": "re-encoded as JPEG at quality {quality}",
    "part.jpeg": "re-encoded as JPEG",
    "part.quality": "re-encoded at quality {quality}",
    "part.resized": "resized from {width}×{height} to {new_width}×{new_height}",
    # Images given as text (services/image_urls.py)
    "error.url.scheme": (
        "{label} is a {scheme}: address; only uploaded files and http(s) URLs are accepted."
    ),
    "error.url.not_link": (
        "{label} is text that is not an http(s) link or a data:image URI; images given as "
        "text must be one of those."
    ),
    "error.url.not_http": "{label}'s address is not an http(s) URL.",
    "error.url.no_host": "{label}'s URL has no host name: {url}",
    "error.url.bad_port": "{label}'s URL has an invalid port: {port}",
    "error.url.bad_host": "{label}'s URL has an invalid host name: {host}",
    "error.data_uri.not_base64": "{label} is a data: URI that is not base64-encoded.",
    "error.data_uri.too_large": "{label} is a data: URI of over {limit}; it is too large.",
    "error.data_uri.invalid": "{label} is a data: URI whose base64 data is not valid.",
    "hint.url.give": "Give a public http:// or https:// address of the image, or upload the file.",
    "hint.url.only": "Upload the image file, or give a public http:// or https:// address.",
    "hint.data_uri.form": "Use data:image/<type>;base64,<data>, or upload the file.",
    "hint.data_uri.smaller": "Use an image file under {limit}, at most {side} px per side.",
    "hint.data_uri.upload": "Upload the image file instead.",
    # Downloading outputs (services/results.py)
    "error.download.untrusted": (
        "The service answered with an output link this app does not trust ({link}); it was "
        "not downloaded."
    ),
    "error.download.partial": "{saved} of {total} outputs were saved. {reason}",
    "error.download.slow": "Downloading an output took too long.",
    "error.download.unreachable": "Could not reach the server that holds the outputs.",
    "error.download.gone": (
        "Output {link} is no longer available (HTTP {status}); result links expire 24 hours "
        "after an edit."
    ),
    "error.download.http": "Downloading an output failed (HTTP {status}).",
    "error.download.too_big": "An output is larger than allowed.",
    "error.download.cut": "An output download was cut off.",
    "error.download.broke": "The connection to the server that holds the outputs broke.",
    "error.download.unreadable": "{label} was not a readable image.",
    "error.download.too_many_pixels": (
        "{label} was refused: it declares {width}×{height} pixels ({megapixels:.1f} "
        "megapixels), more than the {limit:.1f} an output can plausibly have. It was not decoded."
    ),
    "hint.download.trusted_hosts": (
        "Outputs are fetched only from DashScope's result storage. If you use a custom "
        "endpoint, add its result host to QWEN_EDIT_RESULT_HOSTS."
    ),
    "hint.download.retry": "Try again in a moment; result links live 24 hours.",
    "hint.download.report": (
        "The service should never send such an image; run the edit again, and report it if it "
        "happens again."
    ),
    # Spending caps (services/spending.py)
    "error.spending.budget": (
        "This app has reached its daily budget of ${budget:.2f} for the service (spent "
        "${spent:.2f}; this edit would cost up to ${cost:.2f})."
    ),
    "error.spending.edits": "You have reached today's limit of {limit} edits on this app's key.",
    "error.spending.images": "You have reached today's limit of {limit} images on this app's key.",
    "error.spending.images_left": (
        "You have reached today's limit of {limit} images on this app's key ({left} left "
        "today: ask for fewer outputs)."
    ),
    "hint.spending.budget": (
        "The budget resets at 00:00 UTC. Fewer outputs cost less; or run the app with your own "
        "DashScope key."
    ),
    "hint.spending.limit": (
        "The limit resets at 00:00 UTC. To edit more now, use your own DashScope API key."
    ),
    "spending.today": "Today: {parts} (resets at 00:00 UTC)",
    "spending.edits": "{used} of {limit} edits",
    "spending.images": "{used} of {limit} images",
    "spending.budget": "${spent:.2f} of this app's ${budget:.2f} daily budget",
    # History ids (services/identity.py)
    "error.identity.refused": "This history id was not issued by this app, or it was changed.",
    "hint.identity.refused": (
        "Use the user_id an /edit answer returned, unchanged; or leave it empty to start a new "
        "history (the answer then returns its id)."
    ),
    # Stopping (services/fairness.py)
    "error.cancelled.before_send": "The edit was stopped before it was sent.",
    # Keys (services/config.py)
    "error.auth.key_shape": (
        "The API key contains a line break, a space or another character keys never have."
    ),
    "hint.auth.key_shape": (
        "Copy the key again from the Model Studio console and paste it as one line."
    ),
    "error.auth.missing": "No DashScope API key is set.",
    "hint.auth.missing": (
        "Paste your key into the API key field, or set DASHSCOPE_API_KEY in the environment "
        "(on a Hugging Face Space: Settings → Secrets). Keys are per region: create one in the "
        "Model Studio console of the region you use."
    ),
    # Regions (services/regions.py)
    "region.singapore.label": "Singapore (international)",
    "region.beijing.label": "Beijing (China mainland)",
    "hint.region.singapore": "Create a key in the international Model Studio console (Singapore).",
    "hint.region.beijing": "Create a key in the China mainland Model Studio console (Beijing).",
    # The model table (services/models.py)
    "model.rate_per_second": "{rate:g} requests per second",
    "model.rate_per_minute": "{rate:g} requests per minute",
    "model.qwen-image-edit-plus.note": (
        "Up to 6 outputs, custom size, prompt rewriting. Same as the 2025-10-30 snapshot."
    ),
    "model.qwen-image-edit-plus-2025-12-15.note": (
        "A newer Plus snapshot with the same rules as Plus."
    ),
    "model.qwen-image-edit-plus-2025-10-30.note": (
        "The pinned snapshot of Plus: results stay stable when Plus moves on."
    ),
    "model.max.note": "The strongest edit model; only 2 requests per minute per account.",
    "model.qwen-image-2.0.note": (
        "Generation and editing in one model. Size by total pixels; the instruction may be "
        "1,300 tokens (the app estimates them and warns; the service cuts the rest)."
    ),
    "model.qwen-image-2.0-pro.note": (
        "The Pro version of Qwen Image 2.0. Size by total pixels; the instruction may be "
        "1,300 tokens (the app estimates them and warns; the service cuts the rest)."
    ),
    "model.qwen-image-edit.note": "One output per request; no custom size or prompt rewriting.",
    "unsure.size_with_outputs": (
        "Whether a custom size works with several outputs is not documented: the app asks for "
        "1 output with a custom size, as on Plus."
    ),
    "unsure.rate": "Its rate limit is not published: the app assumes 2 requests per second.",
    "unsure.negative_limit": (
        "The negative prompt limit is not published: the app assumes 500 characters."
    ),
    "unsure.price_as_plus": "Its price is not published separately: the app assumes Plus's price.",
    # The page's own words (ui/). Keys under "ui." hold no parameters: they go to the browser
    # through gr.I18n (ui/i18n.py) and are looked up there, in the language the page shows.
    "ui.demo.badge": "Demo mode · emulated results, nothing billed",
    "ui.demo.title": (
        "Results come from the built-in DashScope emulator and are not real edits (each is "
        "marked EMULATED). Every feature works; no key is needed and nothing is billed."
    ),
    "ui.counter.tokens": "tokens (estimated)",
    "ui.counter.over": "over the limit: the rest is cut",
    "ui.tab.editor": "Editor",
    "ui.tab.history": "History",
    "ui.tab.help": "Help",
    "ui.image.1": "Image 1",
    "ui.image.2": "Image 2",
    "ui.image.3": "Image 3",
    "ui.swap_12": "⇄ Swap 1-2",
    "ui.swap_23": "⇄ Swap 2-3",
    "ui.clear": "✕ Clear all",
    "ui.examples": "Examples: click one to load it",
    "ui.prompt.label": "Instruction",
    "ui.prompt.placeholder": (
        'Say which image is which, e.g. "make the girl in image 1 wear the dress from image 2"'
    ),
    "ui.negative.label": "Negative prompt (what to avoid)",
    "ui.negative.placeholder": "e.g. blurry, extra fingers, text artifacts",
    "ui.run": "Edit",
    "ui.running": "Editing…",
    "ui.stop": "■ Stop",
    "ui.model.label": "Model",
    "ui.n.label": "Outputs",
    "ui.settings": "More settings",
    "ui.size.label": "Output size",
    "ui.size.auto": "Auto (last image's aspect ratio, ~1 MP)",
    "ui.size.custom": "Custom",
    "ui.size.square": "1024×1024 square",
    "ui.size.portrait_3_4": "768×1024 portrait 3:4",
    "ui.size.landscape_4_3": "1024×768 landscape 4:3",
    "ui.size.portrait_9_16": "720×1280 portrait 9:16",
    "ui.size.landscape_16_9": "1280×720 landscape 16:9",
    "ui.width": "Width",
    "ui.height": "Height",
    "ui.randomize": "Random seed",
    "ui.seed.label": "Seed",
    "ui.seed.placeholder": "random",
    "ui.seed.info": "0-2147483647; same seed, similar result",
    "ui.prompt_extend.label": "Rewrite prompt (prompt_extend)",
    "ui.watermark.label": "Watermark",
    "ui.watermark.info": 'Adds "Qwen-Image" bottom right',
    "ui.region.label": "Region",
    "ui.region.fixed": "Fixed by this deployment: it talks to one endpoint",
    "ui.region.fixed_demo": (
        "Fixed by this deployment: it talks to one endpoint (in demo mode, the built-in emulator)"
    ),
    "ui.region.singapore": "Singapore (international)",
    "ui.region.beijing": "Beijing (China mainland)",
    "ui.region.keys": "Keys are per region: a Singapore key fails in Beijing.",
    "ui.key.box": "API key",
    "ui.key.label": "DashScope API key",
    "ui.key.info": "Sent only with your requests; never logged or stored on the server.",
    "ui.remember.label": "Remember in this browser",
    "ui.remember.info": (
        "Kept in this browser's local storage, readable by anyone who uses this browser "
        "profile. Tick it only on your own device."
    ),
    "ui.results": "Results",
    "ui.status.empty": (
        "Your results appear here. Then click one to compare it with your input, download it, "
        "use it as an input for the next step, or reuse its seed."
    ),
    "ui.use_as.1": "↩ Use as image 1",
    "ui.use_as.2": "↩ Use as image 2",
    "ui.use_as.3": "↩ Use as image 3",
    "ui.reuse_seed": "♻ Reuse seed",
    "ui.compare": "Before / after (last input vs selected output)",
    "ui.view.result": "Result",
    "ui.view.raw": "Raw output",
    "ui.view.changed": "What changed",
    "ui.region_edit.box": "Edit only a region (paint on image 1)",
    "ui.region_edit.hint": (
        "Paint over the part of image 1 to change. Only that part (with some context) is "
        "sent; the outputs come back at image 1's full resolution with every other pixel "
        "unchanged. Leave it unpainted to edit the whole image."
    ),
    "ui.region_edit.editor": "Region to edit",
    "ui.region_edit.margin": "Context margin",
    "ui.region_edit.margin_info": "Surroundings sent with the region, as a share of its size",
    "ui.region_edit.feather": "Seam width (px)",
    "ui.region_edit.feather_info": "0: automatic (2 % of the crop)",
    "ui.translate.to_en": "Translate to English",
    "ui.translate.to_zh": "Translate to Chinese",
    "ui.translate.label": "Translation (check it, edit it if needed)",
    "ui.translate.use": "Use this translation",
    "ui.translate.keep": "Keep mine",
    # Words the server puts on the page in the reader's language (ui/handlers.py, ui/wiring.py)
    "toast.nothing_to_edit": "Nothing to edit",
    "toast.add_image": "Add at least one image to edit.",
    "toast.image_problem": "Image problem",
    "toast.check_settings": "Check the settings",
    "toast.key_needed": "API key needed",
    "toast.key_refused": "API key refused",
    "toast.daily_limit": "Daily limit reached",
    "toast.edit_failed": "Edit failed",
    "toast.unexpected": "Unexpected error",
    "toast.unexpected_text": (
        "Something went wrong inside the app. The error was logged; please try again."
    ),
    "toast.nothing_to_translate": "Nothing to translate",
    "toast.translation_failed": "Translation failed",
    "toast.no_result": "There is no result yet to use as an input.",
    "toast.used_as": "Output {output} is now image {slot}.",
    "toast.no_seed": "Run an edit first: its seed can then be reused.",
    "toast.seed_set": "Seed {seed} is set under More settings; Random seed is off.",
    "status.done": "Done in {seconds:.1f} s",
    "status.seed": "seed {seed}",
    "status.cost": "cost ≈ {cost}",
    "status.region": "region stitched into the full {size} image",
    "status.saved": "saved to History",
    "status.request": "request {request_id}",
    "status.note": "Note:",
    "status.stopped": "Stopped.",
    "status.stopped_detail": (
        "If the edit had already been sent, the service may still finish it (and bill it): "
        "its outputs will then appear in History. If it was still waiting to be sent, nothing "
        "was sent."
    ),
    # The model's rules beside the controls (ui/choices.py), written by the server
    "choice.size.none": "{model} has no custom size",
    "choice.size.single": "Custom size needs 1 output; set outputs to 1",
    "choice.size.rule": "{rule}; rounded to multiples of {step}",
    "choice.n.range": "1-{max} per request",
    "choice.n.one": "{model} makes 1 per request",
    "choice.prompt_extend.on": "An LLM rewrites the instruction for better detail",
    "choice.prompt_extend.none": "{model} does not rewrite prompts",
    "choice.price.none": "price not published",
    "choice.price": "{price} per image in {region}",
    "choice.rate": "at most {rate} per account",
    "choice.unsure": "Not known for sure: {text}",
    # The translation notice under the instruction (ui/translate_panel.py)
    "lang.en": "English",
    "lang.zh": "Chinese",
    "lang.ja": "Japanese",
    "lang.ko": "Korean",
    "lang.fr": "French",
    "lang.es": "Spanish",
    "lang.de": "German",
    "lang.it": "Italian",
    "lang.pt": "Portuguese",
    "lang.vi": "Vietnamese",
    "lang.ru": "Russian (or another Cyrillic-script language)",
    "lang.ar": "Arabic (or another Arabic-script language)",
    "lang.he": "Hebrew",
    "lang.el": "Greek",
    "lang.th": "Thai",
    "lang.hi": "Hindi (or another Devanagari-script language)",
    "lang.bn": "Bengali",
    "lang.ta": "Tamil",
    "lang.hy": "Armenian",
    "lang.ka": "Georgian",
    "lang.km": "Khmer",
    "lang.lo": "Lao",
    "lang.my": "Burmese",
    "translate.looks": "The instruction looks {language}",
    "translate.looks_other": "The instruction is in another language",
    "translate.why": (
        "; the models understand Chinese and English best. Qwen-MT can translate it with the "
        "same key (a fraction of a cent), for you to check before it is used."
    ),
    "translate.demo": (
        "Demo mode: the built-in emulator answered with a stand-in, not a real translation, "
        "and nothing was billed; a real one costs about this."
    ),
    "toast.nothing_to_use": "Nothing to use",
    "toast.empty_translation": "The translation is empty: type one, or click Keep mine.",
    "toast.translation_used": (
        "The instruction now holds the translation; check it, then click Edit."
    ),
    "toast.instruction_kept": "Your instruction stays as you wrote it.",
    "toast.no_translator": "Translation is not available in this deployment.",
    # History, Help and examples (ui/history_*.py, ui/layout.py's Help tab, ui/examples.py)
    "ui.history.search": "Search instructions…",
    "ui.history.all_models": "All models",
    "ui.history.any_status": "Any status",
    "ui.history.succeeded": "Succeeded",
    "ui.history.failed": "Failed",
    "ui.history.refresh": "Refresh",
    "ui.history.select_several": "Select several",
    "ui.history.export_chosen": "Export chosen",
    "ui.history.delete_chosen": "Delete chosen",
    "ui.history.clear_choice": "Clear choice",
    "ui.history.export_all": "Export all",
    "ui.history.delete_all": "Delete all",
    "ui.history.delete": "Delete",
    "ui.history.cancel": "Cancel",
    "ui.history.download": "Download",
    "ui.history.gallery": "Your edits, newest first",
    "ui.history.prev": "‹ Previous",
    "ui.history.next": "Next ›",
    "ui.history.details_empty": "Select an edit to see its details.",
    "ui.history.files": "Inputs and outputs",
    "ui.history.restore": "Restore into editor",
    "ui.history.run_again": "Run again",
    "ui.history.new_seed": "with a new seed",
    "ui.history.export_one": "Export (zip)",
    "ui.history.fetch": "Fetch outputs again",
    "history.details_empty": "Select an edit to see its details.",
    "history.failed": "Failed",
    "history.failed_because": "Failed: {words}",
    "history.failure.EditorError": "the edit could not be completed",
    "history.failure.ValidationError": "a setting was not accepted",
    "history.failure.ImageInputError": "an input image could not be read",
    "history.failure.MissingApiKey": "no API key was given",
    "history.failure.InvalidApiKey": "the API key was not accepted",
    "history.failure.Throttling": "the service asked to slow down (too many requests)",
    "history.failure.DataInspectionFailed": "the service's content check stopped this edit",
    "history.failure.InvalidParameter": "the service rejected a setting",
    "history.failure.BadRequest": "the service could not use an input image",
    "history.failure.AccessDenied": "the account cannot use this model right now",
    "history.failure.ModelNotFound": "the service does not offer this model here",
    "history.failure.InternalError": "the service had a problem on its side",
    "history.failure.Timeout": "no answer in time (the service may still have made the images)",
    "history.failure.ConnectionError": "the service could not be reached",
    "history.failure.MalformedResponse": "the service's answer could not be read",
    "history.failure.ResultDownloadFailed": "the outputs were made but could not be downloaded",
    "history.failure.Cancelled": "stopped before it finished",
    "history.failure.SpendingCap": "the spending limit for today was reached",
    "history.failure.InvalidHistoryId": "this browser's history id was not accepted",
    "history.failure.HistoryError": "the history could not save this edit",
    "history.failure.HistoryNotIndexed": "the edit was kept on disk but could not be listed",
    "history.failure.RegionError": "the painted region could not be used",
    "history.failure.EmptyMask": "no region was painted",
    "history.failure.MaskSize": "the painted region does not match image 1's size",
    "history.failure.MaskTooLarge": "the painted region covers almost the whole image",
    "history.failure.MaskTooSmall": "the painted region is too small",
    "history.failure.MaskShape": "the image is too long and thin for a region edit",
    "history.failure.BatchRefused": "the batch was refused before anything was sent",
    # Dates: {month} is the month's short name in English ("Nov"), its number elsewhere.
    "history.date.full": "{day} {month} {year}, {time}",
    "history.date.short": "{day} {month} {time}",
    "history.date.short_year": "{day} {month} {year} {time}",
    "history.caption.failed": "FAILED · {prompt}",
    "history.caption.no_instruction": "(no instruction)",
    "history.page.empty": "No edits yet.",
    "history.page.no_match": "No edit matches these filters.",
    "history.page.one": "Page {page} of {pages} · {total} edit, newest first",
    "history.page.many": "Page {page} of {pages} · {total} edits, newest first",
    "history.page.one_match": "Page {page} of {pages} · {total} edit match, newest first",
    "history.page.many_match": "Page {page} of {pages} · {total} edits match, newest first",
    "history.chosen.off": (
        "To export or delete several edits, tick **Select several**, then click them."
    ),
    "history.chosen.none": "Click edits in the grid to choose them.",
    "history.chosen.count": "**{count} chosen**",
    "history.details.succeeded": "**Succeeded** · {made}",
    "history.details.failed": "**✕ {words}.**",
    "history.details.negative": "Negative: <em>{text}</em>",
    "history.details.seed": "seed {seed}",
    "history.details.size": "size {size}",
    "history.details.prompt_extend_on": "prompt rewriting on",
    "history.details.prompt_extend_off": "prompt rewriting off",
    "history.details.watermark_on": "watermark on",
    "history.details.watermark_off": "watermark off",
    "history.details.region_crop": "region edit: a {width}×{height} crop",
    "history.details.pending": (
        "**{count} output(s) made but not downloaded yet**: fetch them before {until}, when "
        "their links expire."
    ),
    "history.details.note": "- **Note:** {text}",
    "history.details.support": "For support: request {request_id}",
    "history.file.image": "image {index}",
    "history.file.output": "output {index}",
    "history.totals": (
        "**Today** {images_today} images ≈ ${cost_today:.2f} · **All time** {images_all} "
        "images ≈ ${cost_all:.2f} in {entries} edits"
    ),
    "history.toast.first_page": "This is the first page.",
    "history.toast.last_page": "This is the last page.",
    "history.toast.unchosen_one": "{count} edit no longer chosen.",
    "history.toast.unchosen_many": "{count} edits no longer chosen.",
    "history.toast.nothing_was_chosen": "Nothing was chosen.",
    "history.toast.fetched": "{count} output(s) are now in this edit.",
    "history.toast.zip_ready": "Your zip is ready below.",
    "history.toast.deleted_one": "Deleted {count} edit and their files.",
    "history.toast.deleted_many": "Deleted {count} edits and their files.",
    "history.toast.nothing_deleted": "Nothing was deleted.",
    "history.error.gone": "That edit is no longer on this page; refresh the list.",
    "history.error.select_first": "Select an edit in the list first.",
    "history.error.nothing_chosen": (
        "Choose edits first: tick Select several, then click them in the grid."
    ),
    "history.error.empty": "There is nothing to delete: your history is empty.",
    "history.confirm.one": "**Delete this edit and its files?** This cannot be undone.",
    "history.confirm.picked_one": (
        "**Delete the chosen edit and their files?** This cannot be undone."
    ),
    "history.confirm.picked_many": (
        "**Delete the {count} chosen edits and their files?** This cannot be undone."
    ),
    "history.confirm.all_one": "**Delete your only edit and its files?** This cannot be undone.",
    "history.confirm.all_many": "**Delete ALL {count} of your edits?** This cannot be undone.",
    "example.coffee": "Turn the coffee into a matcha latte with leaf latte art",
    "example.handwriting": (
        'Replace the handwritten formulas with the words "Hello Qwen" in the same handwriting'
    ),
    "example.astronaut": (
        "Put the astronaut from image 1 in front of the rocket launch in image 2"
    ),
    "example.load": "Load example {index}: {name}",
    "example.missing": "That example is not available; pick another.",
    # The Help tab above its model table (ui/layout.py): Markdown, no parameters.
    "ui.help.guide": """Edit up to three images with one instruction, using Alibaba's Qwen
image-edit models on DashScope. Compare, feed results back in, and keep going.

### How to use
1. Put 1-3 images in **Image 1-3** (upload, paste or webcam). With several, say which is which
   in the instruction: *"make the girl in image 1 wear the dress from image 2"*. The **last**
   image sets the output's aspect ratio.
2. Write the **instruction** (at most 800 characters) and, if you like, a **negative prompt**
   (at most 500). Longer text is cut, and you are told what was cut.
3. Choose **settings** and press **Edit**. **Stop** cancels; outputs already made are kept.
4. Click an output to compare it with your last input, download it, or **use it as image N**
   for the next step (the service has no multi-turn memory: feed results back in).

### Limits the service sets
- Images: JPEG, PNG, BMP, TIFF, WEBP, GIF (first frame); HEIC is converted. At most 10 MB and
  3072 px per side (larger ones are resized for you); below 384 px results get blurry.
- Seed: 0-2147483647. The same seed gives similar, not identical, results.
- Result links expire after 24 hours, so every output is downloaded and kept at once.
- Failed requests are free. Singapore includes 100 free images per model.
- This app spaces requests to each model's rate limit, so users sharing a key are not refused.
- Keys are per region: a Singapore key does not work in Beijing, and the other way round.

### Models
Figures in [brackets] come from Model Studio's 2026 pricing or rate-limit pages rather than the
API reference; Beijing prices are published in CNY and shown in USD at the reference's own rate.
""",
    # Issue 13, the rest: History, Help table, translation figures, toast headings, qwen-edit
    "history.details.original": "The service's original words: {text}",
    "error.history.not_updated": (
        "The outputs were downloaded, but the history could not be updated just now."
    ),
    "hint.history.not_updated": "They are kept in {folder}; try again in a moment.",
    "help.table.model": "model",
    "help.table.outputs": "outputs",
    "help.table.size": "custom size",
    "help.table.instruction": "instruction",
    "help.table.rate": "rate per account",
    "help.table.price": "price Singapore / Beijing per image",
    "help.table.no": "no",
    "help.table.single_output": "{rule}, only with 1 output",
    "help.table.characters": "{count} characters",
    "help.table.tokens": "{count} tokens",
    "help.table.assumed": "{rate} (assumed)",
    "help.table.not_published": "not published",
    "source.reference": "reference ({date})",
    "source.pricing_page": "pricing page ({date})",
    "source.rate_page": "rate-limit page ({date})",
    "source.api_2026": "API reference 2026 ({date})",
    "source.assumed": "assumed",
    "translate.cost.unknown": "The service did not report its token count, so the cost is unknown.",
    "translate.cost.tokens": "{input} tokens in, {output} out",
    "translate.cost.no_price": "{tokens}; no published price for the {region} region.",
    "translate.cost.priced": (
        "{tokens} ≈ ${usd:.7f} ({region}: ${input_usd:g} in / ${output_usd:g} out per million "
        "tokens, from Model Studio's {model} page (2026))"
    ),
    "ui.toast.error": "Error",
    "ui.toast.warning": "Warning",
    "ui.toast.info": "Info",
    "ui.toast.success": "Success",
    "toast.history_rebuilt": "History rebuilt",
    "cli.interrupted": "interrupted.",
    "cli.nothing_sent": "Nothing was sent.",
    "cli.see_help": "{error}. See qwen-edit --help.",
    "cli.no_prompt": 'give the instruction with -p "..."',
    "cli.workers": "--workers must be from 1 to 64",
    "cli.stopping": (
        "stopping: nothing more is sent; edits already sent finish and are kept (interrupt again "
        "to leave now)"
    ),
    "cli.summary.edited": "{count} edited ({outputs} outputs)",
    "cli.summary.skipped": "{count} already done",
    "cli.summary.failed": "{count} failed",
    "cli.summary.not_image": "{count} not images",
    "cli.summary.cancelled": "{count} not sent (stopped)",
    "cli.summary.line": "{parts} in {seconds:.1f} s; {money}.",
    "cli.cost_unknown": "cost unknown",
    "cli.cost": "estimated cost ${cost:.4f}",
    "cli.demo": "demo: nothing billed",
    "cli.outputs_in": "Outputs in {folder}",
    "cli.failed_item": "failed: {name}: {error}",
    "cli.retry": "Run the same command again to retry the failed inputs only.",
    "cli.interrupted_finish": (
        "Interrupted: run the same command again to finish (done inputs are skipped)."
    ),
    "cli.item.ok_one": "ok ({count} output)",
    "cli.item.ok_many": "ok ({count} outputs)",
    "cli.item.skipped": "skipped: already done",
    "cli.item.not_image": "left out, not an image: {error}",
    "cli.item.cancelled": "not sent (stopped)",
    "cli.item.failed": "FAILED: {error}",
    "batch.stopped": "Stopped before it was sent.",
    "batch.unexpected": "Unexpected error: {detail}",
    "warning.batch.journal": "The resume journal could not be written ({error}).",
    "error.batch.no_inputs": "There are no input images.",
    "hint.batch.no_inputs": (
        "Name one or more image files or folders, e.g. qwen-edit photos/*.jpg -p '...'."
    ),
    "error.batch.no_images": "None of the {count} input file(s) is an image the service can edit.",
    "hint.batch.formats": "Give JPEG, PNG, WEBP, BMP, TIFF, GIF or HEIC files.",
    "error.batch.same_outputs": (
        "Two inputs would write the same outputs ({stem}-1.png): {first} and {second}."
    ),
    "hint.batch.same_outputs": "Run them into different output folders (-o), or rename one.",
    # A forged history id (ui/wiring.py)
    "toast.history_id_refused": (
        "The history id kept in this browser was not issued by this app, so a new, empty history "
        "was started."
    ),
    # MCP tools (ui/mcp_tools.py)
    "error.mcp.busy": (
        "The server is busy with {count} edits from MCP clients. Try again in a minute."
    ),
    "error.mcp.mask_link": (
        "The mask must be a data:image URI or this app's URL of an uploaded file, not a link."
    ),
    # The service's own words (services/errors.py): English quotes them, the others name the code
    "term.service_said": "{said}",
    # The close button of a toast (Gradio's aria-label, ui/i18n.py)
    "ui.toast.close": "Close",
    # The editor's model names, status cost; Gradio's own words (ui/i18n.py)
    "model.snapshot": "{name} ({date} snapshot)",
    "status.cost_figure": "${usd:.4f} ({images} × ${unit:g}, {region})",
    "status.cost_unpublished": "{images} image(s); price not published for this model/region",
    "ui.history.status_label": "Status",
    "ui.gradio.image_editor.brush": "Brush",
    "ui.gradio.image_editor.brush_size": "Brush Size",
    "ui.gradio.image_editor.clear_canvas": "Clear canvas",
    "ui.gradio.image_editor.color": "Color",
    "ui.gradio.image_editor.erase": "Erase",
    "ui.gradio.image_editor.eraser_size": "Eraser Size",
    "ui.gradio.image_editor.pan": "Pan",
    "ui.gradio.image_editor.redo": "Redo",
    "ui.gradio.image_editor.select_draw_tool": "select the draw tool to start",
    "ui.gradio.image_editor.zoom_in": "Zoom in",
    "ui.gradio.image_editor.zoom_out": "Zoom out",
    "ui.gradio.image_editor.fit_to_screen": "Fit to screen",
    "ui.gradio.image_editor.crop": "Crop",
    "ui.gradio.image_editor.confirm_crop": "Confirm crop",
    "ui.gradio.image_editor.resize": "Resize",
    "ui.gradio.image_editor.layer": "Layer",
    "ui.gradio.image_editor.layers": "Layers",
    "ui.gradio.image_editor.add_layer": "Add Layer",
    "ui.gradio.image_editor.show_layers": "Show Layers",
    "ui.gradio.image_editor.upload": "Upload",
    "ui.gradio.image_editor.upload_image": "Upload an image",
    "ui.gradio.image_editor.webcam": "Webcam",
    "ui.gradio.image_editor.paste": "Paste",
    "ui.gradio.image_editor.save_changes": "Save changes",
    "ui.gradio.status.queue_position": "In queue: {position} of {size}",
    "ui.gradio.common.download_all": "Download All",
    "ui.gradio.common.progress": "Progress",
    "ui.gradio.common.complete": "Complete",
    "attr.camera": "Capture from camera",
    "attr.clipboard": "Paste from clipboard",
    "attr.upload": "Upload file",
    "attr.drop": "Click to upload or drop files",
    "attr.empty": "Empty value",
    "attr.reset": "Reset to default value",
    "attr.detail_view": "detailed view of selected image",
    "attr.thumbnail": "Thumbnail {index} of {count}",
    "attr.number_for": "number input for {label}",
    "attr.slider_for": "range slider for {label}",
    "attr.fullscreen": "Fullscreen",
    "attr.exit_fullscreen": "Exit fullscreen mode",
    "attr.remove_image": "Remove Image",
    "attr.close": "Close",
    "attr.download": "Download",
    "attr.share": "Share",
    "attr.clear": "Clear",
    "attr.undo": "Undo",
    "attr.redo": "Redo",
    "attr.dropdown": "Dropdown",
    "attr.textbox": "Textbox",
    # Gradio's footer (ui/i18n.py ATTRS)
    "attr.footer": "Gradio footer navigation",
    # Gradio's status tracker (ui/i18n.py TEXTS)
    "attr.processing": "processing |",
    "attr.queue": "queue: {position}/{size} |",
    # The edit endpoint's toast titles (ui/api.py)
    "toast.history_id_title": "History id refused",
    # The history store (services/history/store.py)
    "hint.history.bad_region": 'Its parameters hold a "region" that is not a set of named values.',
}
