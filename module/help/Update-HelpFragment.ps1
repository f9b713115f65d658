#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Writes the MAML help fragment of each cmdlet from the built module: what the cmdlet says of
    itself (syntax, parameter metadata, defaults, input and output types) is generated, the prose
    is kept.

.DESCRIPTION
    module/help/<Verb-Noun>.xml is the source of a cmdlet's help; the build joins the fragments
    into en-US/Daemontools.PowerShell.dll-Help.xml. The prose in a fragment is written by hand:
    the synopsis, the description, each parameter's description, the INPUTS and OUTPUTS
    descriptions, the notes, the examples (a title, `PS>` code and an explanation) and the related
    links. Everything else comes from the cmdlet and is rewritten by this script: run it after
    adding or changing a cmdlet or a parameter (after `dotnet build`), then write the prose it
    marks TODO. The help tests fail while a fragment is out of date or has a TODO.

      pwsh module/help/Update-HelpFragment.ps1                 every exported cmdlet
      pwsh module/help/Update-HelpFragment.ps1 -Name Get-SvStat
#>
[CmdletBinding()]
param(
    [string[]] $Name,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/Daemontools/Daemontools.psd1'),
    # Where to write the fragments (the help tests write to a temp folder and compare).
    [string] $OutputFolder = $PSScriptRoot
)

$ErrorActionPreference = 'Stop'
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$todo = 'TODO'
$common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
# -WhatIf and -Confirm mean the same for every cmdlet that has them.
$standard = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

$imported = Import-Module $Module -Force -PassThru
if (-not $Name) { $Name = $imported.ExportedCmdlets.Keys | Sort-Object }

function X([string] $Namespace, [string] $Local) { [System.Xml.Linq.XName]::Get($Local, $Namespace) }

function New-Para([string] $Text) { [System.Xml.Linq.XElement]::new((X $maml 'para'), $Text) }

function New-Description([string[]] $Paragraphs) {
    $element = [System.Xml.Linq.XElement]::new((X $maml 'description'))
    foreach ($text in $Paragraphs) { $element.Add((New-Para $text)) }
    $element
}

function Get-Paragraphs($Element) {
    if ($null -eq $Element) { return @() }
    @($Element.Elements((X $maml 'para')) | ForEach-Object { $_.Value })
}

function Read-Fragment([string] $Path) {
    if (-not (Test-Path $Path)) { return $null }
    $wrapped = "<helpItems xmlns:maml='$maml' xmlns:command='$command' xmlns:dev='$dev'>" + (Get-Content -Raw $Path) + '</helpItems>'
    [System.Xml.Linq.XDocument]::Parse($wrapped).Root.Element((X $command 'command'))
}

function Get-TypeName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $Type.Name
}

function Get-DefaultValue($Instance, $Parameter) {
    if ($Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    $value = $Instance.GetType().GetProperty($Parameter.Name).GetValue($Instance)
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if ($value -is [array]) { return $value -join ', ' }
    $text = [string]$value
    $text ? $text : 'None'
}

function Get-PipelineInput($Attributes) {
    $byValue = $Attributes | Where-Object ValueFromPipeline
    $byName = $Attributes | Where-Object ValueFromPipelineByPropertyName
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function New-ParameterElement($Parameter, [string] $SetName, [string[]] $Description, $Instance) {
    $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $inSet = @($attributes | Where-Object { $_.ParameterSetName -in @($SetName, '__AllParameterSets') })
    if (-not $inSet) { $inSet = $attributes }
    $position = ($inSet | Where-Object Position -ge 0 | Select-Object -First 1).Position
    $aliases = @($Parameter.Aliases)
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $element = [System.Xml.Linq.XElement]::new((X $command 'parameter'),
        [System.Xml.Linq.XAttribute]::new('required', ([bool]($inSet | Where-Object Mandatory)).ToString().ToLowerInvariant()),
        [System.Xml.Linq.XAttribute]::new('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant()),
        [System.Xml.Linq.XAttribute]::new('globbing', $globbing.ToString().ToLowerInvariant()),
        [System.Xml.Linq.XAttribute]::new('pipelineInput', (Get-PipelineInput $inSet)),
        [System.Xml.Linq.XAttribute]::new('position', $(if ($null -ne $position) { "$position" } else { 'named' })),
        [System.Xml.Linq.XAttribute]::new('aliases', $(if ($aliases) { $aliases -join ', ' } else { 'none' })),
        [System.Xml.Linq.XElement]::new((X $maml 'name'), $Parameter.Name))
    if ($Description) { $element.Add((New-Description $Description)) }
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    # In the syntax a switch is shown bare, [-Wait]; among the parameters with its type.
    if ($isSwitch -and -not $Description) { return $element }
    $element.Add([System.Xml.Linq.XElement]::new((X $command 'parameterValue'),
        [System.Xml.Linq.XAttribute]::new('required', (-not $isSwitch).ToString().ToLowerInvariant()),
        (Get-TypeName $Parameter.ParameterType)))
    if ($Description) {
        $element.Add([System.Xml.Linq.XElement]::new((X $dev 'type'), [System.Xml.Linq.XElement]::new((X $maml 'name'), $Parameter.ParameterType.FullName)))
        $element.Add([System.Xml.Linq.XElement]::new((X $dev 'defaultValue'), (Get-DefaultValue $Instance $Parameter)))
    }
    $element
}

function Get-OldDescriptions($Old, [string] $Section, [string] $Item) {
    # Type name (or parameter name) -> paragraphs, from the existing fragment.
    $map = @{}
    if ($null -eq $Old) { return $map }
    foreach ($entry in @($Old.Element((X $command $Section))?.Elements((X $command $Item)))) {
        if ($null -eq $entry) { continue }
        $key = if ($Item -eq 'parameter') { $entry.Element((X $maml 'name')).Value } else { $entry.Element((X $dev 'type')).Element((X $maml 'name')).Value }
        $map[$key] = Get-Paragraphs ($entry.Element((X $maml 'description')))
    }
    $map
}

function New-TypeSection($Old, [string] $Section, [string] $Item, [string[]] $Types) {
    # INPUTS or OUTPUTS: an item per type (None when there is none), with the existing fragment's description of it.
    $descriptions = Get-OldDescriptions $Old $Section $Item
    $element = [System.Xml.Linq.XElement]::new((X $command $Section))
    if (-not $Types) { $Types = @('None') }
    foreach ($type in $Types) {
        $text = $descriptions[$type]
        $element.Add([System.Xml.Linq.XElement]::new((X $command $Item),
            [System.Xml.Linq.XElement]::new((X $dev 'type'), [System.Xml.Linq.XElement]::new((X $maml 'name'), $type)),
            (New-Description ($text ? $text : @($todo)))))
    }
    $element
}

function Update-Fragment([string] $CmdletName) {
    $info = Get-Command $CmdletName -CommandType Cmdlet
    $path = Join-Path $PSScriptRoot "$CmdletName.xml"
    $old = Read-Fragment $path
    $instance = [Activator]::CreateInstance($info.ImplementingType)
    $parameters = @($info.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object { $p = $_; ($p.Attributes | Where-Object Position -ge 0 | Select-Object -First 1).Position ?? 1000 }, Name)
    $oldParameters = Get-OldDescriptions $old 'parameters' 'parameter'

    $details = ${old}?.Element((X $command 'details'))
    $synopsis = Get-Paragraphs (${details}?.Element((X $maml 'description')))
    $description = Get-Paragraphs (${old}?.Element((X $maml 'description')))

    $root = [System.Xml.Linq.XElement]::new((X $command 'command'))
    $root.Add([System.Xml.Linq.XElement]::new((X $command 'details'),
        [System.Xml.Linq.XElement]::new((X $command 'name'), $info.Name),
        [System.Xml.Linq.XElement]::new((X $command 'verb'), $info.Verb),
        [System.Xml.Linq.XElement]::new((X $command 'noun'), $info.Noun),
        (New-Description ($synopsis ? $synopsis : @($todo)))))
    $root.Add((New-Description ($description ? $description : @($todo))))

    $syntax = [System.Xml.Linq.XElement]::new((X $command 'syntax'))
    foreach ($set in $info.ParameterSets) {
        $item = [System.Xml.Linq.XElement]::new((X $command 'syntaxItem'), [System.Xml.Linq.XElement]::new((X $maml 'name'), $info.Name))
        foreach ($parameter in $parameters | Where-Object { $_.Name -in $set.Parameters.Name }) {
            $item.Add((New-ParameterElement $parameter $set.Name $null $instance))
        }
        $syntax.Add($item)
    }
    $root.Add($syntax)

    $section = [System.Xml.Linq.XElement]::new((X $command 'parameters'))
    foreach ($parameter in $parameters) {
        $text = $oldParameters[$parameter.Name]
        if (-not $text -and $standard[$parameter.Name]) { $text = @($standard[$parameter.Name]) }
        $section.Add((New-ParameterElement $parameter '__AllParameterSets' ($text ? $text : @($todo)) $instance))
    }
    $root.Add($section)

    # INPUTS: the types of the parameters that bind from the pipeline; OUTPUTS: the OutputType attributes.
    $piped = @($parameters | Where-Object { $_.Attributes | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } })
    $root.Add((New-TypeSection $old 'inputTypes' 'inputType' @($piped | ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)))
    $root.Add((New-TypeSection $old 'returnValues' 'returnValue' @($info.OutputType | ForEach-Object { $_.Name } | Select-Object -Unique)))

    # Hand-written parts, kept as they are (a new fragment gets TODO placeholders).
    foreach ($part in @((X $maml 'alertSet'), (X $command 'examples'), (X $command 'relatedLinks'))) {
        $existing = ${old}?.Element($part)
        if ($existing) { $root.Add($existing) }
    }
    # Example code is shown as typed at the prompt.
    foreach ($code in @($root.Element((X $command 'examples'))?.Elements((X $command 'example')) | ForEach-Object { $_.Element((X $dev 'code')) })) {
        if ($code -and -not $code.Value.StartsWith('PS> ')) { $code.Value = 'PS> ' + $code.Value }
    }
    if (-not $root.Element((X $command 'examples'))) {
        $root.Add([System.Xml.Linq.XElement]::new((X $command 'examples'), [System.Xml.Linq.XElement]::new((X $command 'example'),
            [System.Xml.Linq.XElement]::new((X $maml 'title'), "Example 1: $todo"),
            [System.Xml.Linq.XElement]::new((X $dev 'code'), "PS> $($info.Name) $todo"),
            [System.Xml.Linq.XElement]::new((X $dev 'remarks'), (New-Para $todo)))))
    }
    if (-not $root.Element((X $command 'relatedLinks'))) {
        $root.Add([System.Xml.Linq.XElement]::new((X $command 'relatedLinks'), [System.Xml.Linq.XElement]::new((X $maml 'navigationLink'),
            [System.Xml.Linq.XElement]::new((X $maml 'linkText'), 'about_Daemontools'),
            [System.Xml.Linq.XElement]::new((X $maml 'uri')))))
    }

    $wrapper = [System.Xml.Linq.XElement]::new('helpItems',
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'maml', $maml),
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'command', $command),
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'dev', $dev),
        $root)
    $text = $wrapper.ToString()
    $inner = $text.Substring($text.IndexOf('>') + 1, $text.LastIndexOf('</helpItems>') - $text.IndexOf('>') - 1)
    $lines = $inner.Trim("`r", "`n").Split("`n") | ForEach-Object { $_ -replace '^  ', '' }
    $target = Join-Path $OutputFolder "$CmdletName.xml"
    [System.IO.File]::WriteAllText($target, (($lines -join "`n").TrimEnd() + "`n"))
    $target
}

foreach ($cmdlet in $Name) { Update-Fragment $cmdlet }
