"""日本語: Model Studio の日本語版 API リファレンスの用語で (プロンプト, ネガティブプロンプト,
出力画像数, シード, ウォーターマーク, プロンプトの書き換え)。"""

MESSAGES: dict[str, str] = {
    # Errors of region edits, the edit service, the DashScope backend and the history
    # 領域の編集 (services/region_edit)
    "error.region.mask_not_image": "マスクが画像ではありません。",
    "hint.region.paint_again": "領域をもう一度塗ってください。",
    "error.region.mask_size": "マスクは {mask} ピクセルですが、画像 1 は {image} です。",
    "hint.region.mask_size": (
        "画像 1 の上で直接領域を塗るか、画像 1 とまったく同じサイズのマスクをアップロードして"
        "ください。"
    ),
    "error.region.too_thin": (
        "塗った領域が細長すぎます (余白を含めて {box})。サービスが受け付けるのは最大 "
        "{aspect:g}:1 までです。"
    ),
    "hint.region.too_thin": "もっと短い領域を塗るか、2 回に分けて編集してください。",
    "error.region.margin": "周囲の余白に {margin:g} は指定できません。",
    "hint.region.margin": "余白は 0〜2 の範囲で指定してください。",
    "error.region.feather": "境界のぼかし幅に {feather} px は指定できません。",
    "hint.region.feather": "0〜512 ピクセルで指定してください。",
    "error.region.empty": "マスクが空です。何も塗られていません。",
    "hint.region.empty": (
        "画像 1 の変更したい部分を塗るか、マスクを消して通常の編集をしてください。"
    ),
    "error.region.too_small": "塗った領域は {pixels} ピクセルしかありません。",
    "hint.region.too_small": (
        "もっと大きな領域を塗ってください (ブラシの幅が数ピクセル以上になるように)。"
    ),
    "error.region.too_large": "マスクが画像の {coverage:.0%} を覆っています。",
    "hint.region.too_large": "マスクを消して、画像全体を通常どおり編集してください。",
    "error.region.image_size": (
        "画像 1 は {image} ですが、領域は {painted} の画像の上で塗られました。"
    ),
    "error.region.original_changed": "領域を計画した後に元画像のサイズが変わりました。",
    "hint.region.paint_again_here": "この画像の上で領域をもう一度塗ってください。",
    "error.region.needs_file": (
        "領域の編集には、アップロードしたファイルとしての画像 1 が必要です。"
    ),
    "hint.region.needs_file": (
        "画像 1 をアップロードしてから (リンクはここで切り抜けません)、領域をもう一度塗って"
        "ください。"
    ),
    "error.region.unreadable": "画像 1 または塗った領域を読み取れませんでした。",
    "hint.region.unreadable": "画像 1 をもう一度アップロードし、領域をもう一度塗ってください。",
    "warning.region.last_image_shape": (
        "出力画像は塗った領域ではなく最後の入力画像の形になります。合成の前に領域に合わせて"
        "調整されます。最もよく合わせるには、出力画像数を 1 にするか、参照画像を領域と同じ形に"
        "してください。"
    ),
    "warning.region.stretched": (
        "出力画像の形が領域と異なるため、引き伸ばして合わせました (画像 1 の後の参照画像が"
        "出力画像の形を決めます)。"
    ),
    "warning.region.little_context": (
        "領域の周囲が少なすぎるため、出力画像の位置を合わせられません。"
    ),
    "warning.region.not_aligned": (
        "出力画像の位置を合わせられなかったため、そのまま使用しました。"
    ),
    "warning.region.moved_too_much": (
        "出力画像のずれが大きすぎて位置を合わせられなかったため、そのまま使用しました。"
    ),
    "warning.region.misaligned": (
        "領域の周囲で出力画像が約 {px:.0f} px ずれている可能性があります。境目を確認するか、"
        "余白を広げてください。"
    ),
    # 編集サービス (services/editing.py)
    "error.edit.cancelled": "編集は送信前に中止されました。",
    "error.edit.tried": "{message}({attempts} 回試行しました)",
    "error.edit.no_history": "出力画像を取得して保存する履歴がありません。",
    "error.edit.links_expired": "これらの出力画像のリンクは期限切れです (有効期間は 24 時間)。",
    "hint.edit.run_again": "もう一度編集を実行して、新しい出力画像を取得してください。",
    "hint.edit.kept_in_history": (
        "サービスは画像を生成しました。この編集は履歴に保存されており、リンクが有効な間 "
        "(24 時間) は「出力を再取得」でダウンロードできます。"
    ),
    "warning.edit.not_saved": (
        "この編集を履歴に保存できませんでした。出力画像を今すぐダウンロードしてください "
        "(24 時間保管されます)。"
    ),
    "warning.edit.untrusted_links": (
        "{count} 件の出力画像のリンクがこのアプリの信頼しないホストを指していたため、"
        "ダウンロードしませんでした。"
    ),
    # DashScope バックエンド (services/backends/dashscope.py)
    "part.sentences": "{first}{second}",
    "term.rate.edit": "アカウントあたり毎秒約 2 件",
    "term.rate.translation": "毎分 60 リクエスト",
    "term.html_page": "HTML のエラーページ",
    "term.no_details": "詳細なし",
    "term.requested_images_one": "要求した {count} 枚の画像",
    "term.requested_images_many": "要求した {count} 枚の画像",
    "term.extra_links_one": "余分な {count} 件のリンク",
    "term.extra_links_many": "余分な {count} 件のリンク",
    "error.service.timeout": "サービスが {seconds:g} 秒以内に応答しませんでした。",
    "hint.service.lost_edit_timeout": (
        "サービスは画像を生成した (そして課金した) 可能性があります。1 分待ってから編集を"
        "再実行するか、タイムアウトを長くしてください。"
    ),
    "hint.service.lost_edit_dropped": (
        "サービスは画像を生成した可能性があります。同じ編集を再実行する前に、コンソールで"
        "使用量を確認してください。"
    ),
    "hint.service.lost_translation_timeout": (
        "サービスは翻訳した可能性があります (翻訳の料金は 1 セント未満です)。もう一度お試し"
        "ください。"
    ),
    "hint.service.lost_translation_dropped": (
        "サービスは翻訳した可能性があります (1 セント未満)。もう一度お試しください。"
    ),
    "error.service.unreadable": "サービスから、このアプリが読み取れない応答が返されました。",
    "hint.service.unreadable": (
        "通常は、サービスまたは途中のプロキシの一時的な障害です。しばらくしてからもう一度"
        "お試しください。"
    ),
    "error.service.no_key": "API キーが指定されていません。",
    "hint.service.no_key": "DashScope の API キーを入力してください。",
    "error.service.sdk_refused": "DashScope SDK が呼び出しを拒否しました（{detail}）。",
    "error.service.unreachable": "{url} のサービスに接続できませんでした。",
    "hint.service.unreachable": (
        "ネットワーク接続と、リージョンまたはエンドポイントの設定を確認してください。"
    ),
    "error.service.dropped": "サービスが応答する前に接続が切れました。",
    "error.service.no_image": "サービスの応答に、使用できる画像がありませんでした。",
    "hint.service.no_image": (
        "もう一度お試しください。繰り返し起こる場合は、プロンプトを言い換えてください。"
    ),
    "error.service.no_translation": "翻訳サービスの応答に、使用できる翻訳がありませんでした。",
    "hint.service.no_translation": "もう一度試すか、プロンプトを書いたままにしてください。",
    "error.service.key_refused": "サービスが API キーを受け付けませんでした。",
    "hint.service.key_refused": (
        "キーとリージョンを確認してください。シンガポールと北京のキーは別物で、キーは作成した"
        "リージョンでのみ使えます。"
    ),
    "error.service.quota": (
        "アカウントのクォータまたは課金の状態により、このリクエストは止められました（{said}）。"
    ),
    "hint.service.quota": "Model Studio コンソールでクォータと課金を確認してください。",
    "error.service.throttled": "サービスがこのキーのリクエストを制限しています ({rate})。",
    "hint.service.throttled": "数秒待ってからもう一度お試しください。",
    "error.service.account": "このアカウントは現在このモデルを使用できません（{said}）。",
    "hint.service.account": (
        "Model Studio コンソールで、アカウントの残高とモデルが有効化されていることを確認して"
        "ください。"
    ),
    "error.service.no_model": "サービスはこのモデルを認識していません。",
    "hint.service.no_model": (
        "別のモデルを選んでください。このリージョンでは提供されていない可能性があります。"
    ),
    "error.service.too_large": (
        "リクエストが大きすぎます (各画像は 10 MB 以下である必要があります)。"
    ),
    "error.service.input_download": "サービスが入力画像をダウンロードできませんでした。",
    "error.service.input_format": "サービスが画像の形式を受け付けません。",
    "error.service.input_rejected": "サービスがリクエストを拒否しました（{said}）。",
    "hint.service.input_rejected": (
        "10 MB 以下の JPEG、PNG、BMP、TIFF、WEBP、GIF ファイル、または公開された http(s) "
        "リンクを使用してください。"
    ),
    "error.service.parameter": "サービスがパラメーターを拒否しました（{said}）。",
    "hint.service.parameter": "指摘された設定を調整して、もう一度お試しください。",
    "error.service.internal": "サービスで内部エラーが発生しました。",
    "error.service.internal_said": "サービスで内部エラーが発生しました（{said}）。",
    "hint.service.internal": "1 分後にもう一度お試しください。",
    "error.service.refused": "サービスがリクエストを断りました（{said}）。",
    "hint.service.refused": "後でもう一度お試しください。",
    "error.moderation.download": (
        "サービスのコンテンツチェックが、入力画像を時間内にダウンロードできませんでした。"
    ),
    "hint.moderation.download": (
        "画像をリンクではなくアップロードするか、より速いホストのリンクを使用してください。"
    ),
    "error.moderation.input": (
        "サービスのコンテンツチェックにより、この編集は開始前に停止されました。プロンプトまたは"
        "画像のいずれかが検出されました。"
    ),
    "hint.moderation.input": (
        "表現を変えるか (暴力、ヌード、著名人、ブランドに関する言葉を避ける)、別の画像を使用"
        "してください。料金は発生していません。"
    ),
    "error.moderation.output": (
        "サービスは編集を行いましたが、コンテンツチェックが結果をブロックしました。"
    ),
    "hint.moderation.output": (
        "センシティブな内容から離れた指示にするか、別のシードをお試しください。ブロックされた"
        "結果は課金されません。"
    ),
    "error.moderation.unknown": (
        "サービスのコンテンツチェックにより、この編集は停止されました (入力と結果のどちらが"
        "検出されたかは示されていません)。"
    ),
    "hint.moderation.unknown": (
        "プロンプトを言い換えるか、別の画像を使用してください。料金は発生していません。"
    ),
    "warning.answer.request_id": (
        "サービスのリクエスト ID ({value}) が短い印字可能なテキストではなかったため、除外しました。"
    ),
    "warning.answer.not_links_one": (
        "サービスの応答の出力 {count} 件がウェブリンクではなかったため、スキップしました。"
    ),
    "warning.answer.not_links_many": (
        "サービスの応答の出力 {count} 件がウェブリンクではなかったため、スキップしました。"
    ),
    "warning.answer.repeated_one": (
        "出力画像のリンク {count} 件が前のリンクと重複していたため、スキップしました。"
    ),
    "warning.answer.repeated_many": (
        "出力画像のリンク {count} 件が前のリンクと重複していたため、スキップしました。"
    ),
    "warning.answer.extra_one": (
        "サービスは{requested}に対して {links} 件の出力画像のリンクを返しました。最初の {n} 件"
        "をダウンロードし、{extra}は無視しました。"
    ),
    "warning.answer.extra_many": (
        "サービスは{requested}に対して {links} 件の出力画像のリンクを返しました。最初の {n} 件"
        "をダウンロードし、{extra}は無視しました。"
    ),
    "warning.answer.usage": (
        "サービスは{requested}に対して妥当でない使用量 ({shown}) を報告しました。これは無視し、"
        "料金は受け取った出力画像から計算します。"
    ),
    "warning.answer.tokens": "サービスが妥当なトークン数を報告しなかったため、料金は不明です。",
    # 履歴 (services/history)
    "error.history.export_limit": (
        "1 回のエクスポートに含められる編集は最大 {limit} 件ですが、{wanted} 件が指定されました。"
    ),
    "hint.history.export_limit": "編集の数を減らすか、何回かに分けてエクスポートしてください。",
    "error.history.nothing_to_export": "エクスポートするものがありません。",
    "hint.history.nothing_to_export": "1 件以上の項目を選択してください。",
    "error.history.export_busy": "前回のエクスポートをまだ作成中です。",
    "hint.history.export_busy": "完了を待ってから、もう一度お試しください。",
    "error.history.not_indexed": (
        "この編集のファイルは保存されましたが、履歴データベースに今は登録できませんでした。"
    ),
    "hint.history.not_indexed": (
        "ファイルは {folder} に保管され、次回アプリを起動したときに履歴に追加されます。"
        "すぐに必要な場合は、今すぐ出力画像をダウンロードしてください。"
    ),
    "error.history.bad_id": "この履歴 ID は無効です。",
    "hint.history.bad_id": (
        "ページを再読み込みして新しい ID を取得してください (ID は英字、数字、-_.:@ の "
        "8〜128 文字です)。"
    ),
    "error.history.bad_extras": "この編集の追加ファイルは保管できません。",
    "hint.history.bad_extras": (
        "ファイル名は original-1.png、mask.png、raw-1.png … raw-6.png のいずれかで、"
        "それぞれ 1 回だけである必要があります。"
    ),
    "error.history.no_entry": "該当する履歴の項目がありません。",
    "hint.history.no_entry": "削除された可能性があります。",
    "error.history.cannot_open": "履歴データベースを開けません ({error})。",
    "hint.history.cannot_open": (
        "データフォルダーが書き込み可能で、ほかにこのアプリが同じフォルダーを使っていないことを"
        "確認してください。"
    ),
    "error.history.stuck": "履歴データベースが破損しており ({reason})、退避できませんでした。",
    "hint.history.stuck": "{path} を手動で移動してから、アプリを再起動してください ({error})。",
    "error.history.unavailable": "履歴を利用できません。",
    "hint.history.unavailable": "アプリを再起動してください。",
    "warning.history.rebuilt": (
        "履歴データベースが破損していたため、保存済みの {count} 件の編集から再構築しました。"
        "破損したファイルは {name} として保管しています。"
    ),
    "warning.history.unlisted": (
        "古い編集フォルダー {count} 件にはマニフェストがなく一覧に表示できませんでしたが、"
        "ファイルは保管しています。"
    ),
    "warning.history.trimmed": (
        "履歴の上限は {limit} です。この編集のために、古い編集 {count} 件を削除しました。"
    ),
    "warning.history.too_big": (
        "この編集だけで履歴の上限 {limit} を超えています。保管はしますが、次の編集で置き換え"
        "られます。今すぐダウンロードしてください。"
    ),
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
    # ページそのものの言葉 (ui/)。"ui." のキーは gr.I18n でブラウザーに渡されます。
    "ui.demo.badge": "デモモード · エミュレートされた結果、課金なし",
    "ui.demo.title": (
        "結果は内蔵の DashScope エミュレーターによるもので、実際の編集ではありません (それぞれに"
        " EMULATED と表示されます)。すべての機能が使え、API キーは不要で、課金もされません。"
    ),
    "ui.counter.tokens": "トークン (推定)",
    "ui.counter.over": "上限超過: 超えた部分は切り捨てられます",
    "ui.tab.editor": "エディター",
    "ui.tab.history": "履歴",
    "ui.tab.help": "ヘルプ",
    "ui.image.1": "画像 1",
    "ui.image.2": "画像 2",
    "ui.image.3": "画像 3",
    "ui.swap_12": "⇄ 1-2 を交換",
    "ui.swap_23": "⇄ 2-3 を交換",
    "ui.clear": "✕ すべてクリア",
    "ui.examples": "例: クリックすると読み込みます",
    "ui.prompt.label": "プロンプト",
    "ui.prompt.placeholder": (
        "どの画像が何かを書いてください。例:「画像 1 の女の子に画像 2 のドレスを着せる」"
    ),
    "ui.negative.label": "ネガティブプロンプト (避けたいもの)",
    "ui.negative.placeholder": "例: ぼやけ、余分な指、文字の乱れ",
    "ui.run": "編集",
    "ui.running": "編集中…",
    "ui.stop": "■ 停止",
    "ui.model.label": "モデル",
    "ui.n.label": "出力画像数",
    "ui.settings": "詳細設定",
    "ui.size.label": "出力画像の解像度",
    "ui.size.auto": "自動 (最後の画像の比率、約 1 MP)",
    "ui.size.custom": "カスタム",
    "ui.size.square": "1024×1024 正方形",
    "ui.size.portrait_3_4": "768×1024 縦長 3:4",
    "ui.size.landscape_4_3": "1024×768 横長 4:3",
    "ui.size.portrait_9_16": "720×1280 縦長 9:16",
    "ui.size.landscape_16_9": "1280×720 横長 16:9",
    "ui.width": "幅",
    "ui.height": "高さ",
    "ui.randomize": "ランダム",
    "ui.seed.label": "シード",
    "ui.seed.placeholder": "ランダム",
    "ui.seed.info": "0〜2147483647。同じシードなら似た結果になります",
    "ui.prompt_extend.label": "プロンプトの書き換え (prompt_extend)",
    "ui.watermark.label": "ウォーターマーク",
    "ui.watermark.info": "右下に「Qwen-Image」のウォーターマークを追加します",
    "ui.region.label": "リージョン",
    "ui.region.fixed": "このデプロイでは固定です: 1 つのエンドポイントに接続します",
    "ui.region.fixed_demo": (
        "このデプロイでは固定です: 1 つのエンドポイント (デモモードでは内蔵エミュレーター) に"
        "接続します"
    ),
    "ui.region.singapore": "シンガポール (国際)",
    "ui.region.beijing": "北京 (中国本土)",
    "ui.region.keys": "API キーはリージョンごとです: シンガポールのキーは北京では使えません。",
    "ui.key.box": "API キー",
    "ui.key.label": "DashScope API キー",
    "ui.key.info": (
        "リクエストと一緒に送信されるだけで、サーバーに記録・保存されることはありません。"
    ),
    "ui.remember.label": "このブラウザーに記憶する",
    "ui.remember.info": (
        "このブラウザーのローカルストレージに保存され、このブラウザーのプロファイルを使う人は"
        "誰でも読めます。自分のデバイスでのみチェックしてください。"
    ),
    "ui.results": "結果",
    "ui.status.empty": (
        "ここに結果が表示されます。結果をクリックすると、入力との比較、ダウンロード、次のステップ"
        "の入力としての利用、シードの再利用ができます。"
    ),
    "ui.use_as.1": "↩ 画像 1 として使う",
    "ui.use_as.2": "↩ 画像 2 として使う",
    "ui.use_as.3": "↩ 画像 3 として使う",
    "ui.reuse_seed": "♻ シードを再利用",
    "ui.compare": "ビフォー / アフター (最後の入力と選択した出力)",
    "ui.view.result": "結果",
    "ui.view.raw": "生の出力",
    "ui.view.changed": "変更箇所",
    "ui.region_edit.box": "一部の領域だけを編集 (画像 1 に描く)",
    "ui.region_edit.hint": (
        "画像 1 の変更したい部分を塗ってください。その部分 (と周囲の一部) だけが送信され、"
        "出力は画像 1 の元の解像度で、他のピクセルはそのままで返ります。塗らなければ画像全体を"
        "編集します。"
    ),
    "ui.region_edit.editor": "編集する領域",
    "ui.region_edit.margin": "周囲の余白",
    "ui.region_edit.margin_info": "領域と一緒に送る周囲の範囲 (領域の大きさに対する割合)",
    "ui.region_edit.feather": "境界のぼかし幅 (px)",
    "ui.region_edit.feather_info": "0: 自動 (切り抜きの 2 %)",
    "ui.translate.to_en": "英語に翻訳",
    "ui.translate.to_zh": "中国語に翻訳",
    "ui.translate.label": "翻訳 (確認し、必要なら修正してください)",
    "ui.translate.use": "この翻訳を使う",
    "ui.translate.keep": "元のままにする",
    # サーバーが読み手の言語でページに出す言葉
    "toast.nothing_to_edit": "編集する画像がありません",
    "toast.add_image": "編集する画像を 1 枚以上追加してください。",
    "toast.image_problem": "画像の問題",
    "toast.check_settings": "設定を確認してください",
    "toast.key_needed": "API キーが必要です",
    "toast.key_refused": "API キーが拒否されました",
    "toast.daily_limit": "1 日の上限に達しました",
    "toast.edit_failed": "編集に失敗しました",
    "toast.unexpected": "予期しないエラー",
    "toast.unexpected_text": (
        "アプリ内部で問題が発生しました。エラーは記録されました。もう一度お試しください。"
    ),
    "toast.nothing_to_translate": "翻訳するものがありません",
    "toast.translation_failed": "翻訳に失敗しました",
    "toast.no_result": "入力として使える結果はまだありません。",
    "toast.used_as": "出力 {output} が画像 {slot} になりました。",
    "toast.no_seed": "先に編集を実行してください。そのシードを再利用できます。",
    "toast.seed_set": "シード {seed} を詳細設定に入れました。ランダムなシードはオフです。",
    "status.done": "{seconds:.1f} 秒で完了",
    "status.seed": "シード {seed}",
    "status.cost": "料金 ≈ {cost}",
    "status.region": "領域を {size} の元画像に合成しました",
    "status.saved": "履歴に保存しました",
    "status.request": "リクエスト {request_id}",
    "status.note": "注意:",
    "status.stopped": "停止しました。",
    "status.stopped_detail": (
        "編集がすでに送信されていた場合、サービスが処理を終えて課金されることがあります。その"
        "出力は履歴に表示されます。送信待ちだった場合は、何も送信されていません。"
    ),
    # コントロールの横に出すモデルの規則 (ui/choices.py)
    "choice.size.none": "{model} は解像度を指定できません",
    "choice.size.single": "解像度の指定は出力画像数が 1 のときのみ: 出力画像数を 1 にしてください",
    "choice.size.rule": "{rule}。{step} の倍数に丸められます",
    "choice.n.range": "1 リクエストあたり 1〜{max} 枚",
    "choice.n.one": "{model} は 1 リクエストあたり 1 枚です",
    "choice.prompt_extend.on": "LLM がプロンプトを書き換えて細部を補います",
    "choice.prompt_extend.none": "{model} はプロンプトの書き換えに対応していません",
    "choice.price.none": "料金は公開されていません",
    "choice.price": "{region}: 画像 1 枚あたり {price}",
    "choice.rate": "1 アカウントあたり{rate}まで",
    "choice.unsure": "確かではない点: {text}",
    # プロンプトの下に出す翻訳の案内 (ui/translate_panel.py)
    "lang.en": "英語",
    "lang.zh": "中国語",
    "lang.ja": "日本語",
    "lang.ko": "韓国語",
    "lang.fr": "フランス語",
    "lang.es": "スペイン語",
    "lang.de": "ドイツ語",
    "lang.it": "イタリア語",
    "lang.pt": "ポルトガル語",
    "lang.vi": "ベトナム語",
    "lang.ru": "ロシア語 (または他のキリル文字の言語)",
    "lang.ar": "アラビア語 (または他のアラビア文字の言語)",
    "lang.he": "ヘブライ語",
    "lang.el": "ギリシャ語",
    "lang.th": "タイ語",
    "lang.hi": "ヒンディー語 (または他のデーヴァナーガリー文字の言語)",
    "lang.bn": "ベンガル語",
    "lang.ta": "タミル語",
    "lang.hy": "アルメニア語",
    "lang.ka": "ジョージア語",
    "lang.km": "クメール語",
    "lang.lo": "ラオ語",
    "lang.my": "ビルマ語",
    "translate.looks": "プロンプトは{language}のようです",
    "translate.looks_other": "プロンプトは中国語・英語以外の言語のようです",
    "translate.why": (
        "。モデルが最もよく理解するのは中国語と英語です。同じ API キーで Qwen-MT が翻訳でき"
        "ます (1 セント未満)。使う前に翻訳を確認できます。"
    ),
    "translate.demo": (
        "デモモード: 内蔵のエミュレーターが本物の翻訳ではない代替テキストを返しました。課金は"
        "されていません。実際の翻訳の料金はおよそこの程度です。"
    ),
    "toast.nothing_to_use": "使える翻訳がありません",
    "toast.empty_translation": (
        "翻訳が空です。入力するか、「元のままにする」をクリックしてください。"
    ),
    "toast.translation_used": (
        "プロンプトを翻訳に置き換えました。確認してから「編集」をクリックしてください。"
    ),
    "toast.instruction_kept": "プロンプトは書いたままにします。",
    "toast.no_translator": "このデプロイでは翻訳を利用できません。",
    # History, Help and examples (ui/history_*.py, ui/layout.py's Help tab, ui/examples.py)
    "ui.history.search": "プロンプトを検索…",
    "ui.history.all_models": "すべてのモデル",
    "ui.history.any_status": "すべての状態",
    "ui.history.succeeded": "成功",
    "ui.history.failed": "失敗",
    "ui.history.refresh": "更新",
    "ui.history.select_several": "複数選択",
    "ui.history.export_chosen": "選択分をエクスポート",
    "ui.history.delete_chosen": "選択分を削除",
    "ui.history.clear_choice": "選択を解除",
    "ui.history.export_all": "すべてエクスポート",
    "ui.history.delete_all": "すべて削除",
    "ui.history.delete": "削除",
    "ui.history.cancel": "キャンセル",
    "ui.history.download": "ダウンロード",
    "ui.history.gallery": "あなたの編集（新しい順）",
    "ui.history.prev": "‹ 前へ",
    "ui.history.next": "次へ ›",
    "ui.history.details_empty": "編集を選ぶと詳細が表示されます。",
    "ui.history.files": "入力と出力",
    "ui.history.restore": "エディターに復元",
    "ui.history.run_again": "もう一度実行",
    "ui.history.new_seed": "新しいシードで",
    "ui.history.export_one": "エクスポート（zip）",
    "ui.history.fetch": "出力を再取得",
    "history.details_empty": "編集を選ぶと詳細が表示されます。",
    "history.failed": "失敗",
    "history.failed_because": "失敗: {words}",
    "history.failure.EditorError": "編集を完了できませんでした",
    "history.failure.ValidationError": "受け付けられない設定がありました",
    "history.failure.ImageInputError": "入力画像を読み取れませんでした",
    "history.failure.MissingApiKey": "API キーが指定されていませんでした",
    "history.failure.InvalidApiKey": "API キーが受け付けられませんでした",
    "history.failure.Throttling": (
        "サービスから速度を落とすよう求められました（リクエストが多すぎます）"
    ),
    "history.failure.DataInspectionFailed": (
        "サービスのコンテンツチェックでこの編集が止められました"
    ),
    "history.failure.InvalidParameter": "サービスが設定を拒否しました",
    "history.failure.BadRequest": "サービスが入力画像を使えませんでした",
    "history.failure.AccessDenied": "このアカウントは現在このモデルを利用できません",
    "history.failure.ModelNotFound": "このリージョンではこのモデルは提供されていません",
    "history.failure.InternalError": "サービス側で問題が発生しました",
    "history.failure.Timeout": (
        "時間内に応答がありませんでした（画像は生成されている可能性があります）"
    ),
    "history.failure.ConnectionError": "サービスに接続できませんでした",
    "history.failure.MalformedResponse": "サービスの応答を読み取れませんでした",
    "history.failure.ResultDownloadFailed": "出力は生成されましたがダウンロードできませんでした",
    "history.failure.Cancelled": "完了前に停止しました",
    "history.failure.SpendingCap": "本日の利用額の上限に達しました",
    "history.failure.InvalidHistoryId": "このブラウザーの履歴 ID が受け付けられませんでした",
    "history.failure.HistoryError": "この編集を履歴に保存できませんでした",
    "history.failure.HistoryNotIndexed": (
        "編集はディスクに保存されましたが、一覧に追加できませんでした"
    ),
    "history.failure.RegionError": "塗った領域を使えませんでした",
    "history.failure.EmptyMask": "領域が塗られていませんでした",
    "history.failure.MaskSize": "塗った領域が画像 1 のサイズと一致しません",
    "history.failure.MaskTooLarge": "塗った領域が画像のほぼ全体を覆っています",
    "history.failure.MaskTooSmall": "塗った領域が小さすぎます",
    "history.failure.MaskShape": "画像が細長すぎて領域編集ができません",
    "history.failure.BatchRefused": "送信前にバッチ全体が拒否されました",
    "history.date.full": "{year}年{month}月{day}日 {time}",
    "history.date.short": "{month}月{day}日 {time}",
    "history.date.short_year": "{year}年{month}月{day}日 {time}",
    "history.caption.failed": "失敗 · {prompt}",
    "history.caption.no_instruction": "（プロンプトなし）",
    "history.page.empty": "まだ編集はありません。",
    "history.page.no_match": "この条件に一致する編集はありません。",
    "history.page.one": "{page} / {pages} ページ · {total} 件の編集（新しい順）",
    "history.page.many": "{page} / {pages} ページ · {total} 件の編集（新しい順）",
    "history.page.one_match": "{page} / {pages} ページ · 一致する編集 {total} 件（新しい順）",
    "history.page.many_match": "{page} / {pages} ページ · 一致する編集 {total} 件（新しい順）",
    "history.chosen.off": (
        "複数の編集をエクスポートまたは削除するには、**複数選択** をオンにしてから編集をクリック"
        "してください。"
    ),
    "history.chosen.none": "グリッドの編集をクリックして選択してください。",
    "history.chosen.count": "**{count} 件を選択中**",
    "history.details.succeeded": "**成功** · {made}",
    "history.details.failed": "**✕ {words}。**",
    "history.details.negative": "ネガティブプロンプト: <em>{text}</em>",
    "history.details.seed": "シード {seed}",
    "history.details.size": "サイズ {size}",
    "history.details.prompt_extend_on": "プロンプトの書き換え オン",
    "history.details.prompt_extend_off": "プロンプトの書き換え オフ",
    "history.details.watermark_on": "ウォーターマーク オン",
    "history.details.watermark_off": "ウォーターマーク オフ",
    "history.details.region_crop": "領域編集: {width}×{height} の切り抜き",
    "history.details.pending": (
        "**{count} 枚の出力が生成済みですが、まだダウンロードされていません**: リンクの期限が"
        "切れる {until} までに取得してください。"
    ),
    "history.details.note": "- **注意:** {text}",
    "history.details.support": "サポート用: リクエスト {request_id}",
    "history.file.image": "画像 {index}",
    "history.file.output": "出力 {index}",
    "history.totals": (
        "**本日** {images_today} 枚 ≈ ${cost_today:.2f} · **累計** {images_all} 枚 ≈ "
        "${cost_all:.2f}（{entries} 件の編集）"
    ),
    "history.toast.first_page": "最初のページです。",
    "history.toast.last_page": "最後のページです。",
    "history.toast.unchosen_one": "{count} 件の編集の選択を解除しました。",
    "history.toast.unchosen_many": "{count} 件の編集の選択を解除しました。",
    "history.toast.nothing_was_chosen": "何も選択されていませんでした。",
    "history.toast.fetched": "この編集の出力は {count} 枚になりました。",
    "history.toast.zip_ready": "zip の準備ができました。下に表示されています。",
    "history.toast.deleted_one": "{count} 件の編集とそのファイルを削除しました。",
    "history.toast.deleted_many": "{count} 件の編集とそのファイルを削除しました。",
    "history.toast.nothing_deleted": "何も削除していません。",
    "history.error.gone": "その編集はもうこのページにありません。一覧を更新してください。",
    "history.error.select_first": "先に一覧から編集を選んでください。",
    "history.error.nothing_chosen": (
        "先に編集を選んでください: 「複数選択」をオンにして、グリッドで編集をクリックします。"
    ),
    "history.error.empty": "削除するものはありません。履歴は空です。",
    "history.confirm.one": "**この編集とそのファイルを削除しますか？** 元に戻せません。",
    "history.confirm.picked_one": "**選択した編集とそのファイルを削除しますか？** 元に戻せません。",
    "history.confirm.picked_many": (
        "**選択した {count} 件の編集とそのファイルを削除しますか？** 元に戻せません。"
    ),
    "history.confirm.all_one": "**唯一の編集とそのファイルを削除しますか？** 元に戻せません。",
    "history.confirm.all_many": "**{count} 件の編集をすべて削除しますか？** 元に戻せません。",
    # The examples' captions; the instruction loaded is the English one (ui/examples.py).
    "example.coffee": "コーヒーを、葉っぱのラテアートの抹茶ラテに変える",
    "example.handwriting": "手書きの数式を、同じ筆跡の「Hello Qwen」という文字に置き換える",
    "example.astronaut": "画像 1 の宇宙飛行士を、画像 2 のロケット打ち上げの前に立たせる",
    "example.load": "例 {index} を読み込む（プロンプトは英語）: {name}",
    "example.missing": "その例は利用できません。別の例を選んでください。",
    "ui.help.guide": """1 つのプロンプトで最大 3 枚の画像を編集できます。DashScope 上の Alibaba の
Qwen 画像編集モデルを使います。結果を比べ、次の入力に戻して、編集を続けられます。

### 使い方
1. **画像 1〜3** に 1〜3 枚の画像を入れます（アップロード、貼り付け、またはウェブカメラ）。複数の
   場合は、どれがどれかをプロンプトで示してください:
   *「画像 1 の女の子に画像 2 のドレスを着せる」*。
   出力のアスペクト比は **最後の** 画像で決まります。
2. **プロンプト**（最大 800 文字）と、必要なら **ネガティブプロンプト**（最大 500 文字）を
   書きます。長すぎる部分は切り捨てられ、何が切られたかが表示されます。
3. **設定** を選んで **編集** を押します。**停止** で取り消せます。生成済みの出力は残ります。
4. 出力をクリックすると、直前の入力との比較、ダウンロード、次のステップ用に **画像 N として
   使う** ことができます（サービスはマルチターンの記憶を持たないため、結果を入力に戻します）。

### サービスの制限
- 画像: JPEG、PNG、BMP、TIFF、WEBP、GIF（最初のフレーム）。HEIC は変換されます。最大 10 MB、
  各辺 3072 px まで（大きい画像は自動で縮小されます）。384 px 未満では結果がぼやけます。
- シード: 0〜2147483647。同じシードでも結果は似たものになり、同一にはなりません。
- 結果のリンクは 24 時間で期限切れになるため、出力はすべてすぐにダウンロードして保存されます。
- 失敗したリクエストは無料です。シンガポールにはモデルごとに 100 枚の無料枠があります。
- このアプリは各モデルのレート制限に合わせてリクエストの間隔を空けるので、キーを共有する
  ユーザーが拒否されることはありません。
- キーはリージョンごとです: シンガポールのキーは北京では使えず、その逆も同様です。

### モデル
[角括弧] 内の数値は、API リファレンスではなく Model Studio の 2026 年の料金ページまたはレート
制限ページによるものです。北京の料金は CNY で公開されており、リファレンス自身のレートで USD に
換算して表示しています。
""",
    # Issue 13, the rest: History, Help table, translation figures, toast headings, qwen-edit
    "history.details.original": "サービスからの原文：{text}",
    "error.history.not_updated": "出力はダウンロードされましたが、今は履歴を更新できませんでした。",
    "hint.history.not_updated": (
        "出力は {folder} に保存されています。しばらくしてからもう一度お試しください。"
    ),
    "help.table.model": "モデル",
    "help.table.outputs": "出力枚数",
    "help.table.size": "解像度の指定",
    "help.table.instruction": "プロンプト",
    "help.table.rate": "アカウントあたりのレート",
    "help.table.price": "画像 1 枚あたりの料金（シンガポール / 北京）",
    "help.table.no": "なし",
    "help.table.single_output": "{rule}（出力 1 枚のときのみ）",
    "help.table.characters": "{count} 文字",
    "help.table.tokens": "{count} トークン",
    "help.table.assumed": "{rate}（推定）",
    "help.table.not_published": "未公表",
    "source.reference": "API リファレンス（{date}）",
    "source.pricing_page": "料金ページ（{date}）",
    "source.rate_page": "レート制限ページ（{date}）",
    "source.api_2026": "2026 年の API リファレンス（{date}）",
    "source.assumed": "推定",
    "translate.cost.unknown": "サービスがトークン数を報告しなかったため、費用は不明です。",
    "translate.cost.tokens": "入力 {input} トークン、出力 {output} トークン",
    "translate.cost.no_price": "{tokens}。{region}リージョンの料金は公表されていません。",
    "translate.cost.priced": (
        "{tokens} ≈ ${usd:.7f}（{region}: 100 万トークンあたり入力 ${input_usd:g} / 出力 "
        "${output_usd:g}。Model Studio の {model} モデルページ（2026）より）"
    ),
    "ui.toast.error": "エラー",
    "ui.toast.warning": "警告",
    "ui.toast.info": "お知らせ",
    "ui.toast.success": "完了",
    "toast.history_rebuilt": "履歴を再構築しました",
    "cli.interrupted": "中断しました。",
    "cli.nothing_sent": "何も送信していません。",
    "cli.see_help": "{error}。qwen-edit --help を参照してください。",
    "cli.no_prompt": '-p "..." でプロンプトを指定してください',
    "cli.workers": "--workers は 1〜64 で指定してください",
    "cli.stopping": (
        "停止中: これ以上は送信しません。"
        "送信済みの編集は完了して保存されます（もう一度中断するとすぐに終了します）"
    ),
    "cli.summary.edited": "{count} 件を編集（出力 {outputs} 枚）",
    "cli.summary.skipped": "{count} 件は完了済み",
    "cli.summary.failed": "{count} 件が失敗",
    "cli.summary.not_image": "{count} 件は画像ではありません",
    "cli.summary.cancelled": "{count} 件は未送信（停止）",
    "cli.summary.line": "{parts}、{seconds:.1f} 秒。{money}。",
    "cli.cost_unknown": "費用は不明",
    "cli.cost": "推定費用 ${cost:.4f}",
    "cli.demo": "デモ: 課金なし",
    "cli.outputs_in": "出力先: {folder}",
    "cli.failed_item": "失敗: {name}: {error}",
    "cli.retry": "同じコマンドをもう一度実行すると、失敗した入力だけを再試行します。",
    "cli.interrupted_finish": (
        "中断しました: "
        "同じコマンドをもう一度実行すると続きを処理します（完了済みの入力はスキップされます）。"
    ),
    "cli.item.ok_one": "完了（出力 {count} 枚）",
    "cli.item.ok_many": "完了（出力 {count} 枚）",
    "cli.item.skipped": "スキップ: 完了済み",
    "cli.item.not_image": "除外（画像ではありません）: {error}",
    "cli.item.cancelled": "未送信（停止）",
    "cli.item.failed": "失敗: {error}",
    "batch.stopped": "送信前に停止しました。",
    "batch.unexpected": "予期しないエラー: {detail}",
    "warning.batch.journal": "再開用の記録を書き込めませんでした（{error}）。",
    "error.batch.no_inputs": "入力画像がありません。",
    "hint.batch.no_inputs": (
        "画像ファイルまたはフォルダーを 1 つ以上指定してください。例: qwen-edit photos/*.jpg -p "
        "'...'。"
    ),
    "error.batch.no_images": "{count} 個の入力ファイルに、サービスが編集できる画像はありません。",
    "hint.batch.formats": (
        "JPEG、PNG、WEBP、BMP、TIFF、GIF、HEIC のいずれかのファイルを指定してください。"
    ),
    "error.batch.same_outputs": (
        "2 つの入力が同じ出力（{stem}-1.png）に書き込むことになります: {first} と {second}。"
    ),
    "hint.batch.same_outputs": (
        "別々の出力フォルダー（-o）に書き出すか、どちらかの名前を変更してください。"
    ),
    # A forged history id (ui/wiring.py)
    "toast.history_id_refused": (
        "このブラウザーに保存されていた履歴 ID はこのアプリが発行したものではないため、"
        "新しい空の履歴を開始しました。"
    ),
    # MCP tools (ui/mcp_tools.py)
    "error.mcp.busy": (
        "サーバーは MCP クライアントからの {count} 件の編集を処理中です。"
        "1 分後にもう一度お試しください。"
    ),
    "error.mcp.mask_link": (
        "マスクは data:image URI か、このアプリにアップロードしたファイルの URL で指定してください"
        "（外部リンクは使えません）。"
    ),
    # The service's own words (services/errors.py): English quotes them, the others name the code
    "term.service_said": "エラーコード: {code}",
    # The close button of a toast (Gradio's aria-label, ui/i18n.py)
    "ui.toast.close": "閉じる",
    # The editor's model names, status cost; Gradio's own words (ui/i18n.py)
    "model.snapshot": "{name}（{date} スナップショット）",
    "status.cost_figure": "${usd:.4f}（{images} × ${unit:g}、{region}）",
    "status.cost_unpublished": "画像 {images} 枚。このモデルとリージョンの料金は公表されていません",
    "ui.history.status_label": "状態",
    "ui.gradio.image_editor.brush": "ブラシ",
    "ui.gradio.image_editor.brush_size": "ブラシのサイズ",
    "ui.gradio.image_editor.clear_canvas": "キャンバスを消去",
    "ui.gradio.image_editor.color": "色",
    "ui.gradio.image_editor.erase": "消しゴム",
    "ui.gradio.image_editor.eraser_size": "消しゴムのサイズ",
    "ui.gradio.image_editor.pan": "移動",
    "ui.gradio.image_editor.redo": "やり直す",
    "ui.gradio.image_editor.select_draw_tool": "描画ツールを選んで始めてください",
    "ui.gradio.image_editor.zoom_in": "拡大",
    "ui.gradio.image_editor.zoom_out": "縮小",
    "ui.gradio.image_editor.fit_to_screen": "画面に合わせる",
    "ui.gradio.image_editor.crop": "切り抜き",
    "ui.gradio.image_editor.confirm_crop": "切り抜きを確定",
    "ui.gradio.image_editor.resize": "サイズ変更",
    "ui.gradio.image_editor.layer": "レイヤー",
    "ui.gradio.image_editor.layers": "レイヤー",
    "ui.gradio.image_editor.add_layer": "レイヤーを追加",
    "ui.gradio.image_editor.show_layers": "レイヤーを表示",
    "ui.gradio.image_editor.upload": "アップロード",
    "ui.gradio.image_editor.upload_image": "画像をアップロード",
    "ui.gradio.image_editor.webcam": "ウェブカメラ",
    "ui.gradio.image_editor.paste": "貼り付け",
    "ui.gradio.image_editor.save_changes": "変更を保存",
    "ui.gradio.status.queue_position": "待機中: {size} 件中 {position} 番目",
    "ui.gradio.common.download_all": "すべてダウンロード",
    "ui.gradio.common.progress": "進行状況",
    "ui.gradio.common.complete": "完了",
    "attr.camera": "カメラで撮影",
    "attr.clipboard": "クリップボードから貼り付け",
    "attr.upload": "ファイルをアップロード",
    "attr.drop": "クリックしてアップロード、またはファイルをドロップ",
    "attr.empty": "値なし",
    "attr.reset": "既定値に戻す",
    "attr.detail_view": "選択した画像を大きく表示",
    "attr.thumbnail": "サムネイル {index} / {count}",
    "attr.number_for": "{label}の数値入力",
    "attr.slider_for": "{label}のスライダー",
    "attr.fullscreen": "全画面表示",
    "attr.exit_fullscreen": "全画面表示を終了",
    "attr.remove_image": "画像を削除",
    "attr.close": "閉じる",
    "attr.download": "ダウンロード",
    "attr.share": "共有",
    "attr.clear": "クリア",
    "attr.undo": "元に戻す",
    "attr.redo": "やり直す",
    "attr.dropdown": "ドロップダウン",
    "attr.textbox": "テキストボックス",
    # Gradio's footer (ui/i18n.py ATTRS)
    "attr.footer": "Gradio のフッターナビゲーション",
    # Gradio's status tracker (ui/i18n.py TEXTS)
    "attr.processing": "処理中 |",
    "attr.queue": "待機中: {position}/{size} |",
    # The edit endpoint's toast titles (ui/api.py)
    "toast.history_id_title": "履歴 ID が拒否されました",
    # The history store (services/history/store.py)
    "hint.history.bad_region": "パラメーターの「region」が名前付きの値の集まりではありません。",
}
