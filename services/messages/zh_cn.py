"""简体中文: 用阿里云百炼 (Model Studio) 控制台和文档的用语 (提示词, 反向提示词, 输出图像数量,
随机数种子, 水印, 提示词智能改写)。"""

MESSAGES: dict[str, str] = {
    # Errors of region edits, the edit service, the DashScope backend and the history
    # 局部区域编辑 (services/region_edit)
    "error.region.mask_not_image": "蒙版不是图像。",
    "hint.region.paint_again": "请重新涂抹区域。",
    "error.region.mask_size": "蒙版为 {mask} 像素，但图像 1 为 {image}。",
    "hint.region.mask_size": "请直接在图像 1 上涂抹区域，或上传与其尺寸完全相同的蒙版。",
    "error.region.too_thin": "涂抹的区域过于细长（含边距为 {box}）：服务最多支持 {aspect:g}:1。",
    "hint.region.too_thin": "请涂抹较短的区域，或分两次编辑。",
    "error.region.margin": "上下文边距不能为 {margin:g}。",
    "hint.region.margin": "请使用 0 至 2 之间的边距。",
    "error.region.feather": "接缝过渡宽度不能为 {feather} 像素。",
    "hint.region.feather": "请使用 0 至 512 像素。",
    "error.region.empty": "蒙版为空：没有涂抹任何内容。",
    "hint.region.empty": "请涂抹图像 1 中要修改的部分，或清除蒙版进行普通编辑。",
    "error.region.too_small": "涂抹的区域只有 {pixels} 像素。",
    "hint.region.too_small": "请涂抹更大的区域（笔触至少几像素宽）。",
    "error.region.too_large": "蒙版覆盖了图像的 {coverage:.0%}。",
    "hint.region.too_large": "请清除蒙版，对整张图像进行普通编辑。",
    "error.region.image_size": "图像 1 为 {image}，但区域是在 {painted} 的图像上涂抹的。",
    "error.region.original_changed": "规划区域后原图尺寸发生了变化。",
    "hint.region.paint_again_here": "请在此图像上重新涂抹区域。",
    "error.region.needs_file": "局部区域编辑需要以上传文件形式提供的图像 1。",
    "hint.region.needs_file": "请上传图像 1（此处无法裁剪链接），然后重新涂抹区域。",
    "error.region.unreadable": "无法读取图像 1 或涂抹的区域。",
    "hint.region.unreadable": "请重新上传图像 1 并重新涂抹区域。",
    "warning.region.last_image_shape": (
        "输出图像采用最后一张输入图像的形状，而不是涂抹区域的形状；拼接前会调整以适配区域。"
        "要获得最佳效果，请将输出图像数量设为 1，或使参考图像与区域形状一致。"
    ),
    "warning.region.stretched": (
        "输出图像的形状与区域不同，已拉伸以适配（图像 1 之后的参考图像决定输出图像的形状）。"
    ),
    "warning.region.little_context": "区域周围的上下文太少，无法对齐输出图像。",
    "warning.region.not_aligned": "无法对齐输出图像，已按原样使用。",
    "warning.region.moved_too_much": "输出图像偏移过大，无法对齐，已按原样使用。",
    "warning.region.misaligned": (
        "输出图像在区域周围可能错位约 {px:.0f} 像素；请检查接缝，或加大边距。"
    ),
    # 编辑服务 (services/editing.py)
    "error.edit.cancelled": "编辑在发送前已停止。",
    "error.edit.tried": "{message}（已尝试 {attempts} 次）",
    "error.edit.no_history": "没有可用于保存所获取输出的历史记录。",
    "error.edit.links_expired": "这些输出图像的链接已过期（有效期为 24 小时）。",
    "hint.edit.run_again": "请重新运行编辑以获取新的输出图像。",
    "hint.edit.kept_in_history": (
        "服务已生成图像：此次编辑已保存在历史记录中，在链接有效期内（24 小时）可通过"
        "“重新获取输出”下载。"
    ),
    "warning.edit.not_saved": "此次编辑无法保存到历史记录；请立即下载其输出图像（保留 24 小时）。",
    "warning.edit.untrusted_links": "有 {count} 个输出图像链接指向本应用不信任的主机，未下载。",
    # DashScope 后端 (services/backends/dashscope.py)
    "part.sentences": "{first}{second}",
    "term.rate.edit": "每个账号每秒约 2 次",
    "term.rate.translation": "每分钟 60 次请求",
    "term.html_page": "一个 HTML 错误页面",
    "term.no_details": "无详细信息",
    "term.requested_images_one": "请求的 {count} 张图像",
    "term.requested_images_many": "请求的 {count} 张图像",
    "term.extra_links_one": "多余的 {count} 个链接",
    "term.extra_links_many": "多余的 {count} 个链接",
    "error.service.timeout": "服务未在 {seconds:g} 秒内响应。",
    "hint.service.lost_edit_timeout": (
        "服务可能仍已生成图像（并已计费）；请等待一分钟再重新运行编辑，或延长超时时间。"
    ),
    "hint.service.lost_edit_dropped": (
        "服务可能已生成图像；再次运行相同的编辑前，请先在控制台查看用量。"
    ),
    "hint.service.lost_translation_timeout": (
        "服务可能仍已完成翻译（一次翻译的费用不到一美分）；请重试。"
    ),
    "hint.service.lost_translation_dropped": "服务可能已完成翻译（不到一美分）；请重试。",
    "error.service.unreadable": "服务返回了本应用无法读取的响应。",
    "hint.service.unreadable": "这通常是服务或您与服务之间的代理的临时故障；请稍后重试。",
    "error.service.no_key": "未提供 API Key。",
    "hint.service.no_key": "请输入您的 DashScope API Key。",
    "error.service.sdk_refused": "DashScope SDK 拒绝了此次调用（{detail}）。",
    "error.service.unreachable": "无法连接到 {url} 的服务。",
    "hint.service.unreachable": "请检查网络连接以及地域或接入地址设置。",
    "error.service.dropped": "服务响应前连接已断开。",
    "error.service.no_image": "服务的响应中没有可用的图像。",
    "hint.service.no_image": "请重试；如果反复出现，请换一种方式表述提示词。",
    "error.service.no_translation": "翻译服务的响应中没有可用的译文。",
    "hint.service.no_translation": "请重试，或保留您原来的提示词。",
    "error.service.key_refused": "服务不接受此 API Key。",
    "hint.service.key_refused": (
        "请检查 API Key 和地域：新加坡和北京的 API Key 不同，且 API Key 只能在创建它的地域使用。"
    ),
    "error.service.quota": "账号的配额或计费状态阻止了此次请求（{said}）。",
    "hint.service.quota": "请在百炼控制台查看配额和计费。",
    "error.service.throttled": "服务正在限制此 API Key 的请求（{rate}）。",
    "hint.service.throttled": "请等待几秒后重试。",
    "error.service.account": "该账号目前无法使用此模型（{said}）。",
    "hint.service.account": "请在百炼控制台检查账号余额，并确认已开通该模型。",
    "error.service.no_model": "服务不认识此模型。",
    "hint.service.no_model": "请选择其他模型；此地域可能未提供该模型。",
    "error.service.too_large": "请求过大（每张图像不得超过 10 MB）。",
    "error.service.input_download": "服务无法下载输入图像。",
    "error.service.input_format": "服务不接受某张图像的格式。",
    "error.service.input_rejected": "服务拒绝了请求（{said}）。",
    "hint.service.input_rejected": (
        "请使用不超过 10 MB 的 JPEG、PNG、BMP、TIFF、WEBP 或 GIF 文件，或公开的 http(s) 链接。"
    ),
    "error.service.parameter": "服务拒绝了一个参数（{said}）。",
    "hint.service.parameter": "请调整其指出的设置后重试。",
    "error.service.internal": "服务出现内部问题。",
    "error.service.internal_said": "服务出现内部问题（{said}）。",
    "hint.service.internal": "请一分钟后重试。",
    "error.service.refused": "服务拒绝了请求（{said}）。",
    "hint.service.refused": "请稍后重试。",
    "error.moderation.download": "服务的内容审核未能及时下载输入图像。",
    "hint.moderation.download": "请上传图像而不是使用链接，或将链接放在速度更快的主机上。",
    "error.moderation.input": (
        "服务的内容审核在编辑开始前将其拦截：您的提示词或某张图像被判定为违规。"
    ),
    "hint.moderation.input": (
        "请修改措辞（避免涉及暴力、裸露、公众人物或品牌的词语），或使用其他图像。未产生费用。"
    ),
    "error.moderation.output": "服务已完成编辑，但内容审核拦截了结果。",
    "hint.moderation.output": (
        "请换一个远离敏感内容的要求，或尝试其他随机数种子；被拦截的结果不计费。"
    ),
    "error.moderation.unknown": (
        "服务的内容审核拦截了此次编辑（未说明是输入还是结果被判定为违规）。"
    ),
    "hint.moderation.unknown": "请换一种方式表述提示词或使用其他图像；未产生费用。",
    "warning.answer.request_id": "服务的请求 ID（{value}）不是简短的可打印文本，已忽略。",
    "warning.answer.not_links_one": "服务响应中有 {count} 个输出不是网页链接，已跳过。",
    "warning.answer.not_links_many": "服务响应中有 {count} 个输出不是网页链接，已跳过。",
    "warning.answer.repeated_one": "有 {count} 个输出图像链接与之前的重复，已跳过。",
    "warning.answer.repeated_many": "有 {count} 个输出图像链接与之前的重复，已跳过。",
    "warning.answer.extra_one": (
        "服务针对{requested}返回了 {links} 个输出图像链接：已下载前 {n} 个，忽略了{extra}。"
    ),
    "warning.answer.extra_many": (
        "服务针对{requested}返回了 {links} 个输出图像链接：已下载前 {n} 个，忽略了{extra}。"
    ),
    "warning.answer.usage": (
        "服务针对{requested}报告了不合理的用量（{shown}），已忽略；费用按收到的输出图像计算。"
    ),
    "warning.answer.tokens": "服务未报告合理的 token 数量，因此费用未知。",
    # 历史记录 (services/history)
    "error.history.export_limit": "一次导出最多包含 {limit} 次编辑，此次请求了 {wanted} 次。",
    "hint.history.export_limit": "请减少编辑数量，或分批导出。",
    "error.history.nothing_to_export": "没有可导出的内容。",
    "hint.history.nothing_to_export": "请至少选择一个条目。",
    "error.history.export_busy": "上一次导出仍在生成中。",
    "hint.history.export_busy": "请等待其完成后重试。",
    "error.history.not_indexed": "此次编辑的文件已保存，但历史记录数据库暂时无法将其列出。",
    "hint.history.not_indexed": (
        "这些文件保存在 {folder}，将在应用下次启动时加入历史记录；"
        "如需尽快使用，请立即下载输出图像。"
    ),
    "error.history.bad_id": "此历史记录 ID 无效。",
    "hint.history.bad_id": "请重新加载页面以获取新的 ID（ID 为 8 至 128 个字母、数字或 -_.:@）。",
    "error.history.bad_extras": "无法保存此次编辑的附加文件。",
    "hint.history.bad_extras": (
        "文件名必须是 original-1.png、mask.png 或 raw-1.png … raw-6.png，且每个只能出现一次。"
    ),
    "error.history.no_entry": "没有此历史记录条目。",
    "hint.history.no_entry": "它可能已被删除。",
    "error.history.cannot_open": "无法打开历史记录数据库（{error}）。",
    "hint.history.cannot_open": "请检查数据文件夹是否可写，并确认没有其他应用副本在使用它。",
    "error.history.stuck": "历史记录数据库已损坏（{reason}），且无法移到一旁。",
    "hint.history.stuck": "请手动移走 {path}，然后重新启动应用（{error}）。",
    "error.history.unavailable": "历史记录不可用。",
    "hint.history.unavailable": "请重新启动应用。",
    "warning.history.rebuilt": (
        "历史记录数据库已损坏，已根据 {count} 次已保存的编辑重建。损坏的文件已保留为 {name}。"
    ),
    "warning.history.unlisted": (
        "有 {count} 个较早的编辑文件夹没有清单文件，无法列出；其文件已保留。"
    ),
    "warning.history.trimmed": (
        "历史记录的上限为 {limit}：为给此次编辑腾出空间，已删除最早的 {count} 次编辑。"
    ),
    "warning.history.too_big": (
        "仅此次编辑就超过了历史记录的上限 {limit}；它会被保留，但下一次编辑将替换它。请立即下载。"
    ),
    "verbatim": "{text}",
    "list.pair": "{first}、{second}",
    "list.and": "{first}和{second}",
    "list.or": "{first}或{second}",
    "error.with_hint": "{message}{hint}",
    "error.with_request_id": "{text}（请求 ID：{request_id}）",
    "field.prompt": "提示词",
    "field.negative_prompt": "反向提示词",
    "field.n": "输出图像数量",
    "field.seed": "随机数种子",
    "field.size": "输出图像分辨率",
    "field.model": "模型",
    "field.images": "输入图像数量",
    "field.region": "地域",
    "field.prompt_extend": "提示词智能改写 (prompt_extend)",
    "field.watermark": "水印",
    "field.margin": "上下文边距",
    "field.feather": "接缝过渡宽度 (feather)",
    "field.other": "{name} 的值",
    "value.on": "开启",
    "value.off": "关闭",
    "term.instruction": "提示词",
    "term.negative_prompt": "反向提示词",
    "term.image": "图像",
    "term.format_file": "{format} 文件",
    "term.unreadable_link": "无法识别的链接",
    "label.image": "图像{index}",
    "label.the_image": "图像",
    "label.output": "输出图像{index}",
    "error.validation.empty": "{field}为空。",
    "error.validation.empty_allowed": "{field}为空。允许的值：{allowed}。",
    "error.validation.value": "{field}不能为 {value}。",
    "error.validation.value_allowed": "{field}不能为 {value}。允许的值：{allowed}。",
    "allowed.one_of": "{names} 之一",
    "allowed.images": "1 至 {max} 张图像",
    "allowed.text": "文本",
    "allowed.bool": "true 或 false",
    "allowed.n_range": "{model} 为 {low} 至 {high} 的整数",
    "allowed.n_exact": "{model} 只能为 {n}",
    "allowed.seed": "{low} 至 {high} 的整数，留空则使用随机数种子",
    "allowed.size_form": '"宽*高" 格式，宽和高为整数像素，例如 "1024*768"',
    "allowed.size_none": "{model} 不支持自定义分辨率",
    "allowed.size_single": "仅在输出 1 张图像时可自定义分辨率（当前 n 为 {n}）",
    "allowed.size_per_side": "宽和高均在 {low} 至 {high} 像素之间",
    "allowed.size_total": "总像素在 {low}×{low} 至 {high}×{high} 之间",
    "allowed.prompt_extend_off": "{model} 只能关闭",
    "hint.images.count": "请添加或移除图像。",
    "hint.prompt.empty": "请描述要做的编辑，例如“把天空改成日落”。",
    "hint.prompt_extend.off": "请关闭提示词智能改写。",
    "hint.size.auto": "请将分辨率设为“自动”。",
    "hint.size.single": "请将输出图像数量设为 1，或将分辨率设为“自动”。",
    "warning.text.cut_one": (
        "{what}有 {length} 个字符；服务最多读取 {limit} 个，因此末尾的 {count} 个字符"
        "（“{tail}”）已被截断。"
    ),
    "warning.text.cut_many": (
        "{what}有 {length} 个字符；服务最多读取 {limit} 个，因此从“{tail}”开始的末尾 "
        "{count} 个字符已被截断。"
    ),
    "warning.text.tokens": (
        "按本应用的估算，{what}约为 {tokens} 个 Token；该模型最多读取 {limit} 个 Token，"
        "超出部分将被截断。如果结尾内容重要，请缩短。"
    ),
    "warning.size.rounded": "服务会将分辨率取整为 {step} 的倍数：{size} 将变为 {rounded}。",
    "error.image.empty_source": "{label}为空：未提供文件或 URL。",
    "error.image.unprocessable": "无法处理{label} ({error})。",
    "error.image.folder": "{label} ({name}) 是文件夹，不是图像文件。",
    "error.image.not_regular": "{label} ({name}) 不是普通文件。",
    "error.image.not_found": "找不到{label} ({name})。",
    "error.image.permission": "无法读取{label} ({name})：权限不足。",
    "error.image.unreadable_file": "无法读取{label} ({name}) ({reason})。",
    "error.image.zero_bytes": "{label}为空（0 字节）。",
    "error.image.too_small": (
        "{label}只有 {width}×{height} 像素；服务要求每边至少 {min_side} px。"
    ),
    "error.image.extreme_shape": (
        "{label}为 {width}×{height} 像素；缩放到每边不超过 {max_side} px 后，短边将不足 "
        "{min_side} px。"
    ),
    "error.image.heic_missing": "{label}是 HEIC 图像，但未安装 HEIC 支持。",
    "error.image.unknown_format": "{label}不是可读取的图像文件；支持的格式为 {formats}。",
    "error.image.cannot_fit": "无法将{label}缩小到可以发送的大小。",
    "error.image.damaged": "{label}是已损坏或不完整的{what}。",
    "error.image.declares_pixels": "{label}声明为 {width}×{height} 像素；过大，无法安全打开。",
    "error.image.bomb": "{label}声明的像素数超出可安全打开的范围；过大，无法安全打开。",
    "error.image.memory": (
        "打开{label}所需的内存超出可用内存 ({width}×{height})；过大，无法安全打开。"
    ),
    "error.image.file_too_big": "{label}大小为 {size}；不接受超过 {limit} 的文件。",
    "hint.image.add": "请添加图像。",
    "hint.image.add_again": "请重新添加该图像。",
    "hint.image.resave": "请将其另存为 PNG 或 JPEG 后使用该文件。",
    "hint.image.choose_file": "请选择图像文件。",
    "hint.image.permission": "请检查文件权限，或上传一份副本。",
    "hint.image.incomplete": "请重新添加该图像；文件未完整保存或复制。",
    "hint.image.larger": "请使用更大的图像；{side}×{side} px 或以上效果最佳。",
    "hint.image.crop": "请将其裁剪为不那么极端的宽高比。",
    "hint.image.convert": "请先将其转换为 JPEG 或 PNG。",
    "hint.image.looks_like": "它看起来是{what}。",
    "hint.image.choose_format": "请选择上述格式之一的图像文件。",
    "hint.image.simpler": "请使用更小或更简单的图像。",
    "hint.image.damaged": "请重新保存或导出；如果上传中断，请重新添加。",
    "hint.image.megapixels": "请使用更小的图像：最多 {megapixels} 百万像素。",
    "hint.image.under": "请使用小于 {limit} 的图像。",
    "looks.avif": "AVIF 图像（不支持；请转换为 JPEG 或 PNG）",
    "looks.html": "网页 (HTML)（请保存图像本身，而不是网页）",
    "looks.svg": "SVG 矢量图（不支持；请导出为 PNG）",
    "looks.pdf": "PDF 文档（请将页面导出为 PNG 或 JPEG）",
    "looks.text": "文本文件",
    "warning.image.url_encoded": "{label}的 URL 含有需要百分号编码的字符；将以 {url} 发送",
    "warning.image.pages": "{label}有多页；只使用第一页。",
    "warning.image.images": "{label}包含多张图像；只使用第一张。",
    "warning.image.frames": "{label}是动图；只使用第一帧。",
    "warning.image.resized": (
        "{label}原为 {width}×{height} px；已缩放为 {new_width}×{new_height}，以符合服务每边 "
        "{max_side} px 的上限。"
    ),
    "warning.image.refit": "{label}{was}；为符合 {limit} 的上限，已{done}。",
    "warning.image.small": (
        "{label}为 {width}×{height} px；服务在每边 {min_side} px 以上时效果最佳，结果可能会模糊。"
    ),
    "part.was_size": "原为 {size}",
    "part.would_be": "以 {format} 编码将为 {size}",
    "part.jpeg_quality": "以质量 {quality} 重新编码为 JPEG",
    "part.jpeg": "重新编码为 JPEG",
    "part.quality": "以质量 {quality} 重新编码",
    "part.resized": "从 {width}×{height} 缩放为 {new_width}×{new_height}",
    "error.url.scheme": "{label}是 {scheme}: 地址；只接受上传的文件和 http(s) URL。",
    "error.url.not_link": (
        "{label}是既非 http(s) 链接也非 data:image URI 的文本；以文本提供的图像必须是二者之一。"
    ),
    "error.url.not_http": "{label}的地址不是 http(s) URL。",
    "error.url.no_host": "{label}的 URL 没有主机名：{url}",
    "error.url.bad_port": "{label}的 URL 端口无效：{port}",
    "error.url.bad_host": "{label}的 URL 主机名无效：{host}",
    "error.data_uri.not_base64": "{label}是未经 base64 编码的 data: URI。",
    "error.data_uri.too_large": "{label}是超过 {limit} 的 data: URI；太大了。",
    "error.data_uri.invalid": "{label}是 base64 数据无效的 data: URI。",
    "hint.url.give": "请提供图像的公开 http:// 或 https:// 地址，或上传文件。",
    "hint.url.only": "请上传图像文件，或提供公开的 http:// 或 https:// 地址。",
    "hint.data_uri.form": "请使用 data:image/<type>;base64,<data> 格式，或上传文件。",
    "hint.data_uri.smaller": "请使用小于 {limit}、每边不超过 {side} px 的图像文件。",
    "hint.data_uri.upload": "请改为上传图像文件。",
    "error.download.untrusted": ("服务返回了本应用不信任的输出图像链接 ({link})；未下载。"),
    "error.download.partial": "{total} 张输出图像中已保存 {saved} 张。{reason}",
    "error.download.slow": "下载输出图像耗时过长。",
    "error.download.unreachable": "无法连接存放输出图像的服务器。",
    "error.download.gone": (
        "输出图像 {link} 已不可用 (HTTP {status})；结果链接在编辑 24 小时后失效。"
    ),
    "error.download.http": "下载输出图像失败 (HTTP {status})。",
    "error.download.too_big": "输出图像超过允许的大小。",
    "error.download.cut": "输出图像下载中断。",
    "error.download.broke": "与存放输出图像的服务器的连接已断开。",
    "error.download.unreadable": "{label}不是可读取的图像。",
    "error.download.too_many_pixels": (
        "已拒绝{label}：它声明为 {width}×{height} 像素（{megapixels:.1f} 百万像素），超过输出图像"
        "合理的上限 {limit:.1f}。未对其解码。"
    ),
    "hint.download.trusted_hosts": (
        "输出图像只从 DashScope 的结果存储获取。如果使用自定义接入点，请将其结果主机加入 "
        "QWEN_EDIT_RESULT_HOSTS。"
    ),
    "hint.download.retry": "请稍后重试；结果链接的有效期为 24 小时。",
    "hint.download.report": "服务不应发送这样的图像；请重新编辑，如果再次发生请报告。",
    "error.spending.budget": (
        "本应用已达到服务的每日预算 ${budget:.2f}（已用 ${spent:.2f}；本次编辑最多需 "
        "${cost:.2f}）。"
    ),
    "error.spending.edits": "您已达到本应用密钥今天的上限：{limit} 次编辑。",
    "error.spending.images": "您已达到本应用密钥今天的上限：{limit} 张图像。",
    "error.spending.images_left": (
        "您已达到本应用密钥今天的上限：{limit} 张图像（今天还剩 {left} 张：请减少输出图像数量）。"
    ),
    "hint.spending.budget": (
        "预算于 00:00 UTC 重置。输出图像越少费用越低；也可以使用您自己的 DashScope 密钥运行本应用。"
    ),
    "hint.spending.limit": (
        "上限于 00:00 UTC 重置。如需现在继续编辑，请使用您自己的 DashScope API Key。"
    ),
    "spending.today": "今天：{parts}（00:00 UTC 重置）",
    "spending.edits": "编辑 {used}/{limit} 次",
    "spending.images": "图像 {used}/{limit} 张",
    "spending.budget": "本应用每日预算 ${budget:.2f} 中已用 ${spent:.2f}",
    "error.identity.refused": "此历史记录 ID 不是本应用签发的，或已被修改。",
    "hint.identity.refused": (
        "请原样使用 /edit 返回的 user_id；或留空以开始新的历史记录（返回结果中会包含其 ID）。"
    ),
    "error.cancelled.before_send": "编辑在发送前已停止。",
    "error.auth.key_shape": "API Key 含有换行、空格或其他 Key 中不会出现的字符。",
    "hint.auth.key_shape": "请从百炼控制台重新复制 Key，并作为一行粘贴。",
    "error.auth.missing": "未设置 DashScope API Key。",
    "hint.auth.missing": (
        "请将 Key 粘贴到 API Key 输入框，或在环境变量中设置 DASHSCOPE_API_KEY（在 Hugging Face "
        "Space 上：Settings → Secrets）。Key 按地域区分：请在所用地域的百炼控制台中创建。"
    ),
    "region.singapore.label": "新加坡（国际）",
    "region.beijing.label": "北京（中国内地）",
    "hint.region.singapore": "请在国际站百炼控制台（新加坡）创建 Key。",
    "hint.region.beijing": "请在中国内地百炼控制台（北京）创建 Key。",
    "model.rate_per_second": "每秒 {rate:g} 次请求",
    "model.rate_per_minute": "每分钟 {rate:g} 次请求",
    "model.qwen-image-edit-plus.note": (
        "最多 6 张输出图像，支持自定义分辨率和提示词智能改写。与 2025-10-30 快照相同。"
    ),
    "model.qwen-image-edit-plus-2025-12-15.note": "较新的 Plus 快照，规则与 Plus 相同。",
    "model.qwen-image-edit-plus-2025-10-30.note": "Plus 的固定快照：Plus 更新后结果依然稳定。",
    "model.max.note": "最强的编辑模型；每个账号每分钟仅 2 次请求。",
    "model.qwen-image-2.0.note": (
        "一个模型兼顾生成与编辑。分辨率按总像素设置；提示词最多 1,300 个 Token（本应用会估算并"
        "提醒；超出部分由服务截断）。"
    ),
    "model.qwen-image-2.0-pro.note": (
        "Qwen Image 2.0 的 Pro 版。分辨率按总像素设置；提示词最多 1,300 个 Token（本应用会估算并"
        "提醒；超出部分由服务截断）。"
    ),
    "model.qwen-image-edit.note": "每次请求输出 1 张图像；不支持自定义分辨率和提示词智能改写。",
    "unsure.size_with_outputs": (
        "文档未说明自定义分辨率能否与多张输出同时使用：与 Plus 一样，设置自定义分辨率时本应用只"
        "请求 1 张输出。"
    ),
    "unsure.rate": "其限流未公开：本应用假定为每秒 2 次请求。",
    "unsure.negative_limit": "反向提示词的长度上限未公开：本应用假定为 500 个字符。",
    "unsure.price_as_plus": "其价格未单独公布：本应用假定与 Plus 相同。",
    # 页面本身的文字 (ui/)。"ui." 开头的键通过 gr.I18n 交给浏览器查找。
    "ui.demo.badge": "演示模式 · 模拟结果，不计费",
    "ui.demo.title": (
        "结果来自内置的 DashScope 模拟器，并非真实编辑（每张都标有 EMULATED）。所有功能均可使用，"
        "无需 API Key，也不会计费。"
    ),
    "ui.counter.tokens": "个 Token（估算）",
    "ui.counter.over": "超出上限：多余部分将被截断",
    "ui.tab.editor": "编辑器",
    "ui.tab.history": "历史记录",
    "ui.tab.help": "帮助",
    "ui.image.1": "图像 1",
    "ui.image.2": "图像 2",
    "ui.image.3": "图像 3",
    "ui.swap_12": "⇄ 交换 1 和 2",
    "ui.swap_23": "⇄ 交换 2 和 3",
    "ui.clear": "✕ 全部清除",
    "ui.examples": "示例：点击即可载入",
    "ui.prompt.label": "提示词",
    "ui.prompt.placeholder": "说明哪张图像是什么，例如“让图像 1 中的女孩穿上图像 2 中的裙子”",
    "ui.negative.label": "反向提示词（不希望出现的内容）",
    "ui.negative.placeholder": "例如：模糊、多余的手指、文字乱码",
    "ui.run": "编辑",
    "ui.running": "编辑中…",
    "ui.stop": "■ 停止",
    "ui.model.label": "模型",
    "ui.n.label": "输出图像数量",
    "ui.settings": "更多设置",
    "ui.size.label": "输出图像分辨率",
    "ui.size.auto": "自动（沿用末张图比例，约 1 MP）",
    "ui.size.custom": "自定义",
    "ui.size.square": "1024×1024 正方形",
    "ui.size.portrait_3_4": "768×1024 竖版 3:4",
    "ui.size.landscape_4_3": "1024×768 横版 4:3",
    "ui.size.portrait_9_16": "720×1280 竖版 9:16",
    "ui.size.landscape_16_9": "1280×720 横版 16:9",
    "ui.width": "宽度",
    "ui.height": "高度",
    "ui.randomize": "随机种子",
    "ui.seed.label": "随机数种子",
    "ui.seed.placeholder": "随机",
    "ui.seed.info": "0–2147483647；相同的种子生成相近的结果",
    "ui.prompt_extend.label": "提示词智能改写 (prompt_extend)",
    "ui.watermark.label": "水印",
    "ui.watermark.info": "在右下角添加“Qwen-Image”水印",
    "ui.region.label": "地域",
    "ui.region.fixed": "由本部署固定：只连接一个接入点",
    "ui.region.fixed_demo": "由本部署固定：只连接一个接入点（演示模式下为内置模拟器）",
    "ui.region.singapore": "新加坡（国际）",
    "ui.region.beijing": "北京（中国内地）",
    "ui.region.keys": "API Key 按地域区分：新加坡的 Key 在北京无法使用。",
    "ui.key.box": "API Key",
    "ui.key.label": "DashScope API Key",
    "ui.key.info": "仅随您的请求发送；服务器从不记录或保存。",
    "ui.remember.label": "在此浏览器中记住",
    "ui.remember.info": (
        "保存在此浏览器的本地存储中，使用此浏览器配置文件的任何人都能读取。请仅在自己的设备上勾选。"
    ),
    "ui.results": "结果",
    "ui.status.empty": (
        "结果将显示在这里。点击某个结果，可与输入对比、下载、用作下一步的输入，或复用其随机数种子。"
    ),
    "ui.use_as.1": "↩ 用作图像 1",
    "ui.use_as.2": "↩ 用作图像 2",
    "ui.use_as.3": "↩ 用作图像 3",
    "ui.reuse_seed": "♻ 复用种子",
    "ui.compare": "前后对比（最后的输入与所选输出）",
    "ui.view.result": "结果",
    "ui.view.raw": "原始输出",
    "ui.view.changed": "变化之处",
    "ui.region_edit.box": "仅编辑局部区域（在图像 1 上涂抹）",
    "ui.region_edit.hint": (
        "在图像 1 上涂抹要修改的部分。只发送该部分（连同部分周边内容）；输出以图像 1 的原始分辨率"
        "返回，其余像素保持不变。不涂抹则编辑整张图像。"
    ),
    "ui.region_edit.editor": "要编辑的区域",
    "ui.region_edit.margin": "上下文边距",
    "ui.region_edit.margin_info": "随区域一起发送的周边范围，按区域大小的比例计算",
    "ui.region_edit.feather": "接缝过渡宽度（像素）",
    "ui.region_edit.feather_info": "0：自动（裁剪区域的 2%）",
    "ui.translate.to_en": "翻译成英文",
    "ui.translate.to_zh": "翻译成中文",
    "ui.translate.label": "译文（请检查，必要时修改）",
    "ui.translate.use": "使用此译文",
    "ui.translate.keep": "保留原文",
    # 服务器以读者的语言写到页面上的文字
    "toast.nothing_to_edit": "没有可编辑的图像",
    "toast.add_image": "请至少添加一张要编辑的图像。",
    "toast.image_problem": "图像有问题",
    "toast.check_settings": "请检查设置",
    "toast.key_needed": "需要 API Key",
    "toast.key_refused": "API Key 被拒绝",
    "toast.daily_limit": "已达到每日上限",
    "toast.edit_failed": "编辑失败",
    "toast.unexpected": "意外错误",
    "toast.unexpected_text": "应用内部出现问题。错误已记录，请重试。",
    "toast.nothing_to_translate": "没有可翻译的内容",
    "toast.translation_failed": "翻译失败",
    "toast.no_result": "还没有可用作输入的结果。",
    "toast.used_as": "输出 {output} 现在是图像 {slot}。",
    "toast.no_seed": "请先运行一次编辑，之后即可复用其随机数种子。",
    "toast.seed_set": "随机数种子 {seed} 已填入“更多设置”，随机种子已关闭。",
    "status.done": "用时 {seconds:.1f} 秒完成",
    "status.seed": "随机数种子 {seed}",
    "status.cost": "费用 ≈ {cost}",
    "status.region": "区域已拼接回 {size} 的完整图像",
    "status.saved": "已保存到历史记录",
    "status.request": "请求 {request_id}",
    "status.note": "注意：",
    "status.stopped": "已停止。",
    "status.stopped_detail": (
        "如果编辑已经发送，服务可能仍会完成它（并计费），其输出随后会出现在历史记录中。如果"
        "还在等待发送，则什么都没有发送。"
    ),
    # 控件旁显示的模型规则 (ui/choices.py)
    "choice.size.none": "{model} 不支持自定义分辨率",
    "choice.size.single": "自定义分辨率仅在输出 1 张时可用：请将输出图像数量设为 1",
    "choice.size.rule": "{rule}；取整为 {step} 的倍数",
    "choice.n.range": "每次请求 1–{max} 张",
    "choice.n.one": "{model} 每次请求生成 1 张",
    "choice.prompt_extend.on": "由大模型改写提示词，补充细节",
    "choice.prompt_extend.none": "{model} 不支持提示词改写",
    "choice.price.none": "价格未公布",
    "choice.price": "{region}：每张图像 {price}",
    "choice.rate": "每个账号最多{rate}",
    "choice.unsure": "尚不确定：{text}",
    # 提示词下方的翻译提示 (ui/translate_panel.py)
    "lang.en": "英文",
    "lang.zh": "中文",
    "lang.ja": "日文",
    "lang.ko": "韩文",
    "lang.fr": "法文",
    "lang.es": "西班牙文",
    "lang.de": "德文",
    "lang.it": "意大利文",
    "lang.pt": "葡萄牙文",
    "lang.vi": "越南文",
    "lang.ru": "俄文（或其他西里尔字母语言）",
    "lang.ar": "阿拉伯文（或其他阿拉伯字母语言）",
    "lang.he": "希伯来文",
    "lang.el": "希腊文",
    "lang.th": "泰文",
    "lang.hi": "印地文（或其他天城文语言）",
    "lang.bn": "孟加拉文",
    "lang.ta": "泰米尔文",
    "lang.hy": "亚美尼亚文",
    "lang.ka": "格鲁吉亚文",
    "lang.km": "高棉文",
    "lang.lo": "老挝文",
    "lang.my": "缅甸文",
    "translate.looks": "提示词似乎是{language}",
    "translate.looks_other": "提示词似乎不是中文或英文",
    "translate.why": (
        "。模型对中文和英文的理解最好。Qwen-MT 可以用同一个 API Key 翻译（费用不到 1 美分），"
        "使用前您可以先检查译文。"
    ),
    "translate.demo": (
        "演示模式：内置模拟器返回的是替代文本，并非真实译文，也没有计费；真实翻译的费用大致如此。"
    ),
    "toast.nothing_to_use": "没有可用的译文",
    "toast.empty_translation": "译文为空：请输入译文，或点击“保留原文”。",
    "toast.translation_used": "提示词已替换为译文；请检查后点击“编辑”。",
    "toast.instruction_kept": "提示词保持您写的原样。",
    "toast.no_translator": "此部署不提供翻译功能。",
    # History, Help and examples (ui/history_*.py, ui/layout.py's Help tab, ui/examples.py)
    "ui.history.search": "搜索提示词…",
    "ui.history.all_models": "全部模型",
    "ui.history.any_status": "全部状态",
    "ui.history.succeeded": "成功",
    "ui.history.failed": "失败",
    "ui.history.refresh": "刷新",
    "ui.history.select_several": "多选",
    "ui.history.export_chosen": "导出所选",
    "ui.history.delete_chosen": "删除所选",
    "ui.history.clear_choice": "取消选择",
    "ui.history.export_all": "全部导出",
    "ui.history.delete_all": "全部删除",
    "ui.history.delete": "删除",
    "ui.history.cancel": "取消",
    "ui.history.download": "下载",
    "ui.history.gallery": "您的编辑（最新的在前）",
    "ui.history.prev": "‹ 上一页",
    "ui.history.next": "下一页 ›",
    "ui.history.details_empty": "选择一条编辑以查看详情。",
    "ui.history.files": "输入和输出",
    "ui.history.restore": "恢复到编辑器",
    "ui.history.run_again": "再次运行",
    "ui.history.new_seed": "使用新的随机数种子",
    "ui.history.export_one": "导出（zip）",
    "ui.history.fetch": "重新获取输出",
    "history.details_empty": "选择一条编辑以查看详情。",
    "history.failed": "失败",
    "history.failed_because": "失败：{words}",
    "history.failure.EditorError": "编辑未能完成",
    "history.failure.ValidationError": "有一项设置未被接受",
    "history.failure.ImageInputError": "无法读取一张输入图像",
    "history.failure.MissingApiKey": "未提供 API Key",
    "history.failure.InvalidApiKey": "API Key 未被接受",
    "history.failure.Throttling": "服务要求放慢速度（请求过多）",
    "history.failure.DataInspectionFailed": "服务的内容审核拦截了此次编辑",
    "history.failure.InvalidParameter": "服务拒绝了一项设置",
    "history.failure.BadRequest": "服务无法使用一张输入图像",
    "history.failure.AccessDenied": "该账号目前无法使用此模型",
    "history.failure.ModelNotFound": "服务在此地域不提供此模型",
    "history.failure.InternalError": "服务端出现问题",
    "history.failure.Timeout": "未能及时响应（服务可能仍已生成图像）",
    "history.failure.ConnectionError": "无法连接到服务",
    "history.failure.MalformedResponse": "无法读取服务的响应",
    "history.failure.ResultDownloadFailed": "输出已生成，但无法下载",
    "history.failure.Cancelled": "在完成前已停止",
    "history.failure.SpendingCap": "已达到今日的花费上限",
    "history.failure.InvalidHistoryId": "此浏览器的历史记录 ID 未被接受",
    "history.failure.HistoryError": "历史记录无法保存此次编辑",
    "history.failure.HistoryNotIndexed": "编辑已保存在磁盘上，但无法列出",
    "history.failure.RegionError": "无法使用涂抹的区域",
    "history.failure.EmptyMask": "未涂抹任何区域",
    "history.failure.MaskSize": "涂抹区域与图像 1 的尺寸不一致",
    "history.failure.MaskTooLarge": "涂抹区域几乎覆盖了整张图像",
    "history.failure.MaskTooSmall": "涂抹区域太小",
    "history.failure.MaskShape": "图像过于细长，无法进行区域编辑",
    "history.failure.BatchRefused": "批量任务在发送前即被拒绝",
    "history.date.full": "{year}年{month}月{day}日 {time}",
    "history.date.short": "{month}月{day}日 {time}",
    "history.date.short_year": "{year}年{month}月{day}日 {time}",
    "history.caption.failed": "失败 · {prompt}",
    "history.caption.no_instruction": "（无提示词）",
    "history.page.empty": "还没有编辑。",
    "history.page.no_match": "没有符合这些筛选条件的编辑。",
    "history.page.one": "第 {page} / {pages} 页 · 共 {total} 条编辑，最新的在前",
    "history.page.many": "第 {page} / {pages} 页 · 共 {total} 条编辑，最新的在前",
    "history.page.one_match": "第 {page} / {pages} 页 · {total} 条编辑符合，最新的在前",
    "history.page.many_match": "第 {page} / {pages} 页 · {total} 条编辑符合，最新的在前",
    "history.chosen.off": "要导出或删除多条编辑，请勾选 **多选**，然后点击它们。",
    "history.chosen.none": "点击网格中的编辑以选择它们。",
    "history.chosen.count": "**已选择 {count} 条**",
    "history.details.succeeded": "**成功** · {made}",
    "history.details.failed": "**✕ {words}。**",
    "history.details.negative": "反向提示词：<em>{text}</em>",
    "history.details.seed": "随机数种子 {seed}",
    "history.details.size": "尺寸 {size}",
    "history.details.prompt_extend_on": "提示词改写 开",
    "history.details.prompt_extend_off": "提示词改写 关",
    "history.details.watermark_on": "水印 开",
    "history.details.watermark_off": "水印 关",
    "history.details.region_crop": "区域编辑：{width}×{height} 的裁剪",
    "history.details.pending": (
        "**{count} 张输出已生成但尚未下载**：请在链接于 {until} 过期前获取。"
    ),
    "history.details.note": "- **注意：** {text}",
    "history.details.support": "技术支持：请求 {request_id}",
    "history.file.image": "图像 {index}",
    "history.file.output": "输出 {index}",
    "history.totals": (
        "**今日** {images_today} 张 ≈ ${cost_today:.2f} · **累计** {images_all} 张 ≈ "
        "${cost_all:.2f}，共 {entries} 条编辑"
    ),
    "history.toast.first_page": "这已是第一页。",
    "history.toast.last_page": "这已是最后一页。",
    "history.toast.unchosen_one": "已取消选择 {count} 条编辑。",
    "history.toast.unchosen_many": "已取消选择 {count} 条编辑。",
    "history.toast.nothing_was_chosen": "没有选择任何编辑。",
    "history.toast.fetched": "此编辑现在有 {count} 张输出。",
    "history.toast.zip_ready": "zip 文件已准备好，见下方。",
    "history.toast.deleted_one": "已删除 {count} 条编辑及其文件。",
    "history.toast.deleted_many": "已删除 {count} 条编辑及其文件。",
    "history.toast.nothing_deleted": "未删除任何内容。",
    "history.error.gone": "该编辑已不在此页上；请刷新列表。",
    "history.error.select_first": "请先在列表中选择一条编辑。",
    "history.error.nothing_chosen": "请先选择编辑：勾选“多选”，然后在网格中点击它们。",
    "history.error.empty": "没有可删除的内容：您的历史记录为空。",
    "history.confirm.one": "**删除此编辑及其文件？** 此操作无法撤销。",
    "history.confirm.picked_one": "**删除所选编辑及其文件？** 此操作无法撤销。",
    "history.confirm.picked_many": "**删除所选的 {count} 条编辑及其文件？** 此操作无法撤销。",
    "history.confirm.all_one": "**删除您唯一的编辑及其文件？** 此操作无法撤销。",
    "history.confirm.all_many": "**删除全部 {count} 条编辑？** 此操作无法撤销。",
    "example.coffee": "把咖啡变成一杯带树叶拉花的抹茶拿铁",
    "example.handwriting": "把手写的公式替换成同样笔迹的文字“Hello Qwen”",
    "example.astronaut": "把图像 1 中的宇航员放到图像 2 中火箭发射的前方",
    "example.load": "加载示例 {index}：{name}",
    "example.missing": "该示例不可用；请选择另一个。",
    "ui.help.guide": """用一条提示词编辑最多三张图像，使用 DashScope 上阿里巴巴的通义千问（Qwen）
图像编辑模型。比较结果，把结果再作为输入，继续编辑。

### 使用方法
1. 在 **图像 1-3** 中放入 1-3 张图像（上传、粘贴或摄像头）。有多张时，请在提示词中说明哪张是
   哪张：*“让图像 1 中的女孩穿上图像 2 中的裙子”*。输出的宽高比由 **最后一张** 图像决定。
2. 写下 **提示词**（最多 800 个字符），如有需要再写 **反向提示词**（最多 500 个字符）。过长的
   文本会被截断，并告诉您截掉了什么。
3. 选择 **设置** 并点击 **编辑**。**停止** 可取消；已生成的输出会保留。
4. 点击一张输出，可以与上一次的输入比较、下载，或 **用作图像 N** 进行下一步（服务没有多轮
   记忆：请把结果作为输入再次提供）。

### 服务的限制
- 图像：JPEG、PNG、BMP、TIFF、WEBP、GIF（第一帧）；HEIC 会被转换。最大 10 MB，每边最多
  3072 px（更大的图像会自动缩小）；小于 384 px 时结果会变模糊。
- 随机数种子：0-2147483647。相同的随机数种子给出相似但不完全相同的结果。
- 结果链接 24 小时后失效，因此每张输出都会立即下载并保存。
- 失败的请求不收费。新加坡地域每个模型含 100 张免费图像。
- 本应用按每个模型的限流间隔发送请求，因此共用一个 API Key 的用户不会被拒绝。
- API Key 按地域区分：新加坡的 API Key 不能在北京使用，反之亦然。

### 模型
[方括号] 中的数字来自百炼（Model Studio）2026 年的价格或限流页面，而非 API 参考；北京的价格以
人民币公布，并按参考文档自身的汇率换算为美元显示。
""",
    # Issue 13, the rest: History, Help table, translation figures, toast headings, qwen-edit
    "history.details.original": "服务返回的原文：{text}",
    "error.history.not_updated": "输出已下载，但历史记录暂时无法更新。",
    "hint.history.not_updated": "它们保存在 {folder}；请稍后再试。",
    "help.table.model": "模型",
    "help.table.outputs": "输出数量",
    "help.table.size": "自定义尺寸",
    "help.table.instruction": "提示词",
    "help.table.rate": "每个账号的速率",
    "help.table.price": "每张图像的价格（新加坡 / 北京）",
    "help.table.no": "不支持",
    "help.table.single_output": "{rule}，仅限 1 张输出",
    "help.table.characters": "{count} 个字符",
    "help.table.tokens": "{count} 个 Token",
    "help.table.assumed": "{rate}（估计值）",
    "help.table.not_published": "未公布",
    "source.reference": "API 参考（{date}）",
    "source.pricing_page": "价格页面（{date}）",
    "source.rate_page": "限流页面（{date}）",
    "source.api_2026": "2026 年 API 参考（{date}）",
    "source.assumed": "估计值",
    "translate.cost.unknown": "服务没有报告 Token 数，因此费用未知。",
    "translate.cost.tokens": "输入 {input} 个 Token，输出 {output} 个",
    "translate.cost.no_price": "{tokens}；{region}地域没有公布价格。",
    "translate.cost.priced": (
        "{tokens} ≈ ${usd:.7f}（{region}：每百万 Token 输入 ${input_usd:g} / 输出 "
        "${output_usd:g}，来自 Model Studio 的 {model} 模型页面（2026））"
    ),
    "ui.toast.error": "错误",
    "ui.toast.warning": "警告",
    "ui.toast.info": "提示",
    "ui.toast.success": "成功",
    "toast.history_rebuilt": "历史记录已重建",
    "cli.interrupted": "已中断。",
    "cli.nothing_sent": "没有发送任何内容。",
    "cli.see_help": "{error}。请参阅 qwen-edit --help。",
    "cli.no_prompt": '请用 -p "..." 给出提示词',
    "cli.workers": "--workers 必须是 1 到 64 之间的数",
    "cli.stopping": "正在停止：不再发送；已发送的编辑会完成并保留（再次中断可立即退出）",
    "cli.summary.edited": "已编辑 {count} 张（{outputs} 张输出）",
    "cli.summary.skipped": "{count} 张此前已完成",
    "cli.summary.failed": "{count} 张失败",
    "cli.summary.not_image": "{count} 个不是图像",
    "cli.summary.cancelled": "{count} 张未发送（已停止）",
    "cli.summary.line": "{parts}，用时 {seconds:.1f} 秒；{money}。",
    "cli.cost_unknown": "费用未知",
    "cli.cost": "预计费用 ${cost:.4f}",
    "cli.demo": "演示模式：未计费",
    "cli.outputs_in": "输出位于 {folder}",
    "cli.failed_item": "失败：{name}：{error}",
    "cli.retry": "再次运行同一命令，只会重试失败的输入。",
    "cli.interrupted_finish": "已中断：再次运行同一命令即可完成（已完成的输入会被跳过）。",
    "cli.item.ok_one": "完成（{count} 张输出）",
    "cli.item.ok_many": "完成（{count} 张输出）",
    "cli.item.skipped": "跳过：此前已完成",
    "cli.item.not_image": "已排除，不是图像：{error}",
    "cli.item.cancelled": "未发送（已停止）",
    "cli.item.failed": "失败：{error}",
    "batch.stopped": "在发送之前已停止。",
    "batch.unexpected": "意外错误：{detail}",
    "warning.batch.journal": "无法写入续传记录（{error}）。",
    "error.batch.no_inputs": "没有输入图像。",
    "hint.batch.no_inputs": (
        "请指定一个或多个图像文件或文件夹，例如 qwen-edit photos/*.jpg -p '...'。"
    ),
    "error.batch.no_images": "{count} 个输入文件中没有服务能编辑的图像。",
    "hint.batch.formats": "请提供 JPEG、PNG、WEBP、BMP、TIFF、GIF 或 HEIC 文件。",
    "error.batch.same_outputs": "两个输入会写入相同的输出（{stem}-1.png）：{first} 和 {second}。",
    "hint.batch.same_outputs": "请把它们输出到不同的文件夹（-o），或重命名其中一个。",
    # A forged history id (ui/wiring.py)
    "toast.history_id_refused": (
        "此浏览器保存的历史记录 ID 不是本应用签发的，因此已开始一份新的空历史记录。"
    ),
    # MCP tools (ui/mcp_tools.py)
    "error.mcp.busy": "服务器正在处理来自 MCP 客户端的 {count} 个编辑，请一分钟后重试。",
    "error.mcp.mask_link": "蒙版必须是 data:image URI 或本应用上传文件的 URL，不能是外部链接。",
    # The service's own words (services/errors.py): English quotes them, the others name the code
    "term.service_said": "错误代码：{code}",
    # The close button of a toast (Gradio's aria-label, ui/i18n.py)
    "ui.toast.close": "关闭",
    # The editor's model names, status cost; Gradio's own words (ui/i18n.py)
    "model.snapshot": "{name}（{date} 快照）",
    "status.cost_figure": "${usd:.4f}（{images} × ${unit:g}，{region}）",
    "status.cost_unpublished": "{images} 张图像；此模型在该地域没有公布价格",
    "ui.history.status_label": "状态",
    "ui.gradio.image_editor.brush": "画笔",
    "ui.gradio.image_editor.brush_size": "画笔大小",
    "ui.gradio.image_editor.clear_canvas": "清空画布",
    "ui.gradio.image_editor.color": "颜色",
    "ui.gradio.image_editor.erase": "橡皮擦",
    "ui.gradio.image_editor.eraser_size": "橡皮擦大小",
    "ui.gradio.image_editor.pan": "平移",
    "ui.gradio.image_editor.redo": "重做",
    "ui.gradio.image_editor.select_draw_tool": "选择画笔工具开始绘制",
    "ui.gradio.image_editor.zoom_in": "放大",
    "ui.gradio.image_editor.zoom_out": "缩小",
    "ui.gradio.image_editor.fit_to_screen": "适应屏幕",
    "ui.gradio.image_editor.crop": "裁剪",
    "ui.gradio.image_editor.confirm_crop": "确认裁剪",
    "ui.gradio.image_editor.resize": "调整大小",
    "ui.gradio.image_editor.layer": "图层",
    "ui.gradio.image_editor.layers": "图层",
    "ui.gradio.image_editor.add_layer": "添加图层",
    "ui.gradio.image_editor.show_layers": "显示图层",
    "ui.gradio.image_editor.upload": "上传",
    "ui.gradio.image_editor.upload_image": "上传图像",
    "ui.gradio.image_editor.webcam": "摄像头",
    "ui.gradio.image_editor.paste": "粘贴",
    "ui.gradio.image_editor.save_changes": "保存更改",
    "ui.gradio.status.queue_position": "排队中：第 {position} 位，共 {size} 位",
    "ui.gradio.common.download_all": "全部下载",
    "ui.gradio.common.progress": "进度",
    "ui.gradio.common.complete": "完成",
    "attr.camera": "用摄像头拍摄",
    "attr.clipboard": "从剪贴板粘贴",
    "attr.upload": "上传文件",
    "attr.drop": "点击上传或拖放文件",
    "attr.empty": "空值",
    "attr.reset": "恢复默认值",
    "attr.detail_view": "查看所选图像的大图",
    "attr.thumbnail": "缩略图 {index} / {count}",
    "attr.number_for": "{label}的数值输入框",
    "attr.slider_for": "{label}的滑块",
    "attr.fullscreen": "全屏",
    "attr.exit_fullscreen": "退出全屏",
    "attr.remove_image": "移除图像",
    "attr.close": "关闭",
    "attr.download": "下载",
    "attr.share": "分享",
    "attr.clear": "清除",
    "attr.undo": "撤销",
    "attr.redo": "重做",
    "attr.dropdown": "下拉菜单",
    "attr.textbox": "文本框",
    # Gradio's footer (ui/i18n.py ATTRS)
    "attr.footer": "Gradio 页脚导航",
    # Gradio's status tracker (ui/i18n.py TEXTS)
    "attr.processing": "处理中 |",
    "attr.queue": "排队：{position}/{size} |",
    # The edit endpoint's toast titles (ui/api.py)
    "toast.history_id_title": "历史记录 ID 被拒绝",
    # The history store (services/history/store.py)
    "hint.history.bad_region": "其参数中的“region”不是一组具名的值。",
}
