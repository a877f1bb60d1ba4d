"""日本語: Model Studio の日本語版 API リファレンスの用語で (プロンプト, ネガティブプロンプト,
出力画像数, シード, ウォーターマーク, プロンプトの書き換え)。"""

MESSAGES: dict[str, str] = {
    "verbatim": "{text}",
    "list.pair": "{first}、{second}",
    "list.and": "{first}、{second}",
    "list.or": "{first} または {second}",
    "error.with_hint": "{message}{hint}",
    "error.with_request_id": "{text}(リクエスト ID: {request_id})",
    "field.prompt": "プロンプト",
    "field.negative_prompt": "ネガティブプロンプト",
    "field.n": "出力画像数",
    "field.seed": "シード",
    "field.size": "出力画像の解像度",
    "field.model": "モデル",
    "field.images": "入力画像の枚数",
    "field.region": "リージョン",
    "field.prompt_extend": "プロンプトの書き換え (prompt_extend)",
    "field.watermark": "ウォーターマーク",
    "field.margin": "周囲の余白",
    "field.feather": "境界のぼかし幅 (feather)",
    "field.other": "{name} の値",
    "value.on": "オン",
    "value.off": "オフ",
    "term.instruction": "プロンプト",
    "term.negative_prompt": "ネガティブプロンプト",
    "term.image": "画像",
    "term.format_file": "{format} ファイル",
    "term.unreadable_link": "読み取れないリンク",
    "label.image": "画像 {index}",
    "label.the_image": "画像",
    "label.output": "出力画像 {index}",
    "error.validation.empty": "{field}が空です。",
    "error.validation.empty_allowed": "{field}が空です。指定できる値: {allowed}。",
    "error.validation.value": "{field}に {value} は指定できません。",
    "error.validation.value_allowed": (
        "{field}に {value} は指定できません。指定できる値: {allowed}。"
    ),
    "allowed.one_of": "{names} のいずれか",
    "allowed.images": "1〜{max} 枚の画像",
    "allowed.text": "テキスト",
    "allowed.bool": "true または false",
    "allowed.n_range": "{model} では {low}〜{high} の整数",
    "allowed.n_exact": "{model} では {n} のみ",
    "allowed.seed": "{low}〜{high} の整数 (空欄にするとランダムなシード)",
    "allowed.size_form": '"幅*高さ" の形式 (ピクセル単位の整数、例: "1024*768")',
    "allowed.size_none": "{model} では解像度を指定できません",
    "allowed.size_single": "解像度の指定は出力画像数が 1 の場合のみ (現在は {n})",
    "allowed.size_per_side": "幅と高さがそれぞれ {low}〜{high} ピクセル",
    "allowed.size_total": "総ピクセル数が {low}×{low} 〜 {high}×{high}",
    "allowed.prompt_extend_off": "{model} ではオフのみ",
    "hint.images.count": "画像を追加または削除してください。",
    "hint.prompt.empty": "編集内容を記述してください。例: 「空を夕焼けにする」。",
    "hint.prompt_extend.off": "プロンプトの書き換えをオフにしてください。",
    "hint.size.auto": "解像度を「自動」にしてください。",
    "hint.size.single": "出力画像数を 1 にするか、解像度を「自動」にしてください。",
    "warning.text.cut_one": (
        "{what}は {length} 文字ありました。サービスが読み取るのは最大 {limit} 文字のため、"
        "末尾の {count} 文字 (「{tail}」) は切り捨てられました。"
    ),
    "warning.text.cut_many": (
        "{what}は {length} 文字ありました。サービスが読み取るのは最大 {limit} 文字のため、"
        "「{tail}」から始まる末尾の {count} 文字は切り捨てられました。"
    ),
    "warning.text.tokens": (
        "{what}はアプリの推定で約 {tokens} トークンです。このモデルが読み取るのは最大 "
        "{limit} トークンで、それを超える部分は切り捨てられます。"
        "末尾が重要な場合は短くしてください。"
    ),
    "warning.size.rounded": (
        "サービスは解像度を {step} の倍数に丸めます: {size} は {rounded} になります。"
    ),
    "error.image.empty_source": "{label}が空です: ファイルも URL も指定されていません。",
    "error.image.unprocessable": "{label}を処理できませんでした ({error})。",
    "error.image.folder": "{label} ({name}) はフォルダーです。画像ファイルではありません。",
    "error.image.not_regular": "{label} ({name}) は通常のファイルではありません。",
    "error.image.not_found": "{label} ({name}) が見つかりませんでした。",
    "error.image.permission": "{label} ({name}) を読み取れませんでした: アクセス権がありません。",
    "error.image.unreadable_file": "{label} ({name}) を読み取れませんでした ({reason})。",
    "error.image.zero_bytes": "{label}が空です (0 バイト)。",
    "error.image.too_small": (
        "{label}は {width}×{height} ピクセルしかありません。サービスには 1 辺あたり {min_side} px "
        "以上が必要です。"
    ),
    "error.image.extreme_shape": (
        "{label}は {width}×{height} ピクセルです。1 辺 {max_side} px に収まるよう縮小すると、"
        "短い辺が {min_side} px 未満になります。"
    ),
    "error.image.heic_missing": (
        "{label}は HEIC 画像ですが、HEIC のサポートがインストールされていません。"
    ),
    "error.image.unknown_format": (
        "{label}は読み取れる画像ファイルではありません。対応形式は {formats} です。"
    ),
    "error.image.cannot_fit": "{label}を送信できるサイズまで小さくできません。",
    "error.image.damaged": "{label}は破損しているか不完全な{what}です。",
    "error.image.declares_pixels": (
        "{label}は {width}×{height} ピクセルと宣言されています。大きすぎて安全に開けません。"
    ),
    "error.image.bomb": (
        "{label}は安全に開ける範囲を超えるピクセル数を宣言しています。大きすぎて安全に開けません。"
    ),
    "error.image.memory": (
        "{label}を開くにはメモリーが足りません ({width}×{height})。大きすぎて安全に開けません。"
    ),
    "error.image.file_too_big": "{label}は {size} です。{limit} を超えるファイルは受け付けません。",
    "hint.image.add": "画像を追加してください。",
    "hint.image.add_again": "画像をもう一度追加してください。",
    "hint.image.resave": "PNG または JPEG で保存し直し、そのファイルを使ってください。",
    "hint.image.choose_file": "画像ファイルを選んでください。",
    "hint.image.permission": "ファイルのアクセス権を確認するか、コピーをアップロードしてください。",
    "hint.image.incomplete": (
        "画像をもう一度追加してください。ファイルが完全に保存またはコピーされていません。"
    ),
    "hint.image.larger": "もっと大きな画像を使ってください。{side}×{side} px 以上が最適です。",
    "hint.image.crop": "極端でない縦横比にトリミングしてください。",
    "hint.image.convert": "先に JPEG または PNG に変換してください。",
    "hint.image.looks_like": "{what}のようです。",
    "hint.image.choose_format": "これらの形式の画像ファイルを選んでください。",
    "hint.image.simpler": "もっと小さいか、単純な画像を使ってください。",
    "hint.image.damaged": (
        "保存またはエクスポートし直すか、アップロードが中断された場合はもう一度追加してください。"
    ),
    "hint.image.megapixels": (
        "もっと小さな画像を使ってください: 最大 {megapixels} メガピクセルです。"
    ),
    "hint.image.under": "{limit} 未満の画像を使ってください。",
    "looks.avif": "AVIF 画像 (対応していません。JPEG または PNG に変換してください)",
    "looks.html": "ウェブページ (HTML) (ページではなく画像そのものを保存してください)",
    "looks.svg": "SVG 図形 (対応していません。PNG としてエクスポートしてください)",
    "looks.pdf": "PDF 文書 (ページを PNG または JPEG としてエクスポートしてください)",
    "looks.text": "テキストファイル",
    "warning.image.url_encoded": (
        "{label}の URL にはパーセントエンコードが必要な文字が含まれていたため、{url} として"
        "送信します"
    ),
    "warning.image.pages": "{label}には複数のページがあります。最初のページのみを使用します。",
    "warning.image.images": "{label}には複数の画像が含まれています。最初の画像のみを使用します。",
    "warning.image.frames": "{label}はアニメーションです。最初のフレームのみを使用します。",
    "warning.image.resized": (
        "{label}は {width}×{height} px でした。サービスの上限 (1 辺 {max_side} px) に収まるよう "
        "{new_width}×{new_height} に縮小しました。"
    ),
    "warning.image.refit": "{label}は{was}。{limit} の上限に収めるため、{done}しました。",
    "warning.image.small": (
        "{label}は {width}×{height} px です。サービスは 1 辺 {min_side} px 以上で最もよく機能する"
        "ため、結果がぼやける可能性があります。"
    ),
    "part.was_size": "{size} でした",
    "part.would_be": "{format} では {size} になります",
    "part.jpeg_quality": "JPEG (品質 {quality}) で再エンコード",
    "part.jpeg": "JPEG で再エンコード",
    "part.quality": "品質 {quality} で再エンコード",
    "part.resized": "{width}×{height} から {new_width}×{new_height} に縮小",
    "error.url.scheme": (
        "{label}は {scheme}: のアドレスです。アップロードされたファイルと http(s) の URL のみ"
        "受け付けます。"
    ),
    "error.url.not_link": (
        "{label}は http(s) のリンクでも data:image URI でもないテキストです。テキストで"
        "指定する画像はそのどちらかである必要があります。"
    ),
    "error.url.not_http": "{label}のアドレスは http(s) の URL ではありません。",
    "error.url.no_host": "{label}の URL にホスト名がありません: {url}",
    "error.url.bad_port": "{label}の URL のポートが無効です: {port}",
    "error.url.bad_host": "{label}の URL のホスト名が無効です: {host}",
    "error.data_uri.not_base64": "{label}は base64 エンコードされていない data: URI です。",
    "error.data_uri.too_large": "{label}は {limit} を超える data: URI です。大きすぎます。",
    "error.data_uri.invalid": "{label}は base64 データが無効な data: URI です。",
    "hint.url.give": (
        "画像の公開 http:// または https:// アドレスを指定するか、"
        "ファイルをアップロードしてください。"
    ),
    "hint.url.only": (
        "画像ファイルをアップロードするか、公開 http:// または https:// "
        "アドレスを指定してください。"
    ),
    "hint.data_uri.form": (
        "data:image/<type>;base64,<data> の形式を使うか、ファイルをアップロードしてください。"
    ),
    "hint.data_uri.smaller": "{limit} 未満、1 辺 {side} px 以下の画像ファイルを使ってください。",
    "hint.data_uri.upload": "代わりに画像ファイルをアップロードしてください。",
    "error.download.untrusted": (
        "サービスが、このアプリが信頼していない出力リンク ({link}) を返しました。"
        "ダウンロードしていません。"
    ),
    "error.download.partial": "{total} 枚の出力画像のうち {saved} 枚を保存しました。{reason}",
    "error.download.slow": "出力画像のダウンロードに時間がかかりすぎました。",
    "error.download.unreachable": "出力画像を保管しているサーバーに接続できませんでした。",
    "error.download.gone": (
        "出力画像 {link} はもう利用できません (HTTP {status})。結果のリンクは編集から 24 時間で"
        "失効します。"
    ),
    "error.download.http": "出力画像のダウンロードに失敗しました (HTTP {status})。",
    "error.download.too_big": "出力画像が許容サイズを超えています。",
    "error.download.cut": "出力画像のダウンロードが途中で切れました。",
    "error.download.broke": "出力画像を保管しているサーバーとの接続が切れました。",
    "error.download.unreadable": "{label}は読み取れる画像ではありませんでした。",
    "error.download.too_many_pixels": (
        "{label}を拒否しました: {width}×{height} ピクセル ({megapixels:.1f} メガピクセル) と"
        "宣言されており、出力画像としてありうる {limit:.1f} を超えています。"
        "デコードはしていません。"
    ),
    "hint.download.trusted_hosts": (
        "出力画像は DashScope の結果ストレージからのみ取得します。カスタムエンドポイントを"
        "使う場合は、その結果ホストを QWEN_EDIT_RESULT_HOSTS に追加してください。"
    ),
    "hint.download.retry": (
        "しばらくしてからもう一度お試しください。結果のリンクは 24 時間有効です。"
    ),
    "hint.download.report": (
        "サービスがこのような画像を送ることはないはずです。もう一度編集を実行し、再発する場合は"
        "報告してください。"
    ),
    "error.spending.budget": (
        "このアプリはサービスの 1 日の予算 ${budget:.2f} に達しました (使用済み ${spent:.2f}、"
        "この編集は最大 ${cost:.2f} かかります)。"
    ),
    "error.spending.edits": "このアプリのキーでの本日の上限 ({limit} 回の編集) に達しました。",
    "error.spending.images": "このアプリのキーでの本日の上限 ({limit} 枚の画像) に達しました。",
    "error.spending.images_left": (
        "このアプリのキーでの本日の上限 ({limit} 枚の画像) に達しました (本日の残りは {left} 枚: "
        "出力画像数を減らしてください)。"
    ),
    "hint.spending.budget": (
        "予算は 00:00 UTC にリセットされます。出力画像数を減らすと費用が下がります。または、"
        "ご自身の DashScope キーでアプリを実行してください。"
    ),
    "hint.spending.limit": (
        "上限は 00:00 UTC にリセットされます。今すぐさらに編集するには、ご自身の DashScope "
        "API キーを使ってください。"
    ),
    "spending.today": "本日: {parts} (00:00 UTC にリセット)",
    "spending.edits": "編集 {used}/{limit} 回",
    "spending.images": "画像 {used}/{limit} 枚",
    "spending.budget": "このアプリの 1 日の予算 ${budget:.2f} のうち ${spent:.2f}",
    "error.identity.refused": (
        "この履歴 ID はこのアプリが発行したものではないか、変更されています。"
    ),
    "hint.identity.refused": (
        "/edit の応答で返された user_id をそのまま使うか、空欄にして新しい履歴を始めてください "
        "(その場合、応答で ID が返されます)。"
    ),
    "error.cancelled.before_send": "編集は送信前に中止されました。",
    "error.auth.key_shape": (
        "API キーに改行、スペース、またはキーに含まれることのない文字が含まれています。"
    ),
    "hint.auth.key_shape": (
        "Model Studio コンソールからキーをもう一度コピーし、1 行で貼り付けてください。"
    ),
    "error.auth.missing": "DashScope の API キーが設定されていません。",
    "hint.auth.missing": (
        "API キー欄にキーを貼り付けるか、環境変数 DASHSCOPE_API_KEY を設定してください "
        "(Hugging Face Space では Settings → Secrets)。キーはリージョンごとに異なります: "
        "使用するリージョンの Model Studio コンソールで作成してください。"
    ),
    "region.singapore.label": "シンガポール (国際)",
    "region.beijing.label": "北京 (中国本土)",
    "hint.region.singapore": (
        "国際版 Model Studio コンソール (シンガポール) でキーを作成してください。"
    ),
    "hint.region.beijing": "中国本土版 Model Studio コンソール (北京) でキーを作成してください。",
    "model.rate_per_second": "毎秒 {rate:g} リクエスト",
    "model.rate_per_minute": "毎分 {rate:g} リクエスト",
    "model.qwen-image-edit-plus.note": (
        "最大 6 枚の出力、解像度の指定、プロンプトの書き換えに対応。2025-10-30 スナップショットと"
        "同じです。"
    ),
    "model.qwen-image-edit-plus-2025-12-15.note": (
        "Plus と同じルールの新しい Plus スナップショット。"
    ),
    "model.qwen-image-edit-plus-2025-10-30.note": (
        "Plus の固定スナップショット: Plus が更新されても結果が安定します。"
    ),
    "model.max.note": "最も高性能な編集モデル。アカウントあたり毎分 2 リクエストまで。",
    "model.qwen-image-2.0.note": (
        "生成と編集を 1 つのモデルで。解像度は総ピクセル数で指定します。プロンプトは "
        "1,300 トークンまで (アプリが推定して警告し、超えた部分はサービスが切り捨てます)。"
    ),
    "model.qwen-image-2.0-pro.note": (
        "Qwen Image 2.0 の Pro 版。解像度は総ピクセル数で指定します。プロンプトは "
        "1,300 トークンまで (アプリが推定して警告し、超えた部分はサービスが切り捨てます)。"
    ),
    "model.qwen-image-edit.note": (
        "1 リクエストにつき出力は 1 枚。解像度の指定とプロンプトの書き換えには対応していません。"
    ),
    "unsure.size_with_outputs": (
        "解像度の指定が複数の出力で使えるかは記載がありません: Plus と同様、解像度を指定する"
        "場合は出力を 1 枚にします。"
    ),
    "unsure.rate": "レート制限は公開されていません: アプリは毎秒 2 リクエストと想定しています。",
    "unsure.negative_limit": (
        "ネガティブプロンプトの上限は公開されていません: アプリは 500 文字と想定しています。"
    ),
    "unsure.price_as_plus": (
        "料金は個別に公開されていません: アプリは Plus と同じ料金と想定しています。"
    ),
}
