"""English: the app's words as they were first written (the tests assert some of them)."""

MESSAGES: dict[str, str] = {
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
}
